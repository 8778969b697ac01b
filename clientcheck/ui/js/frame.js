// The page helper's frame: a zero-height frame of the app's own origin, drawn on every
// run and reloaded by Streamlit whenever its text changes (clientcheck/ui/page_helper.py).
// It installs the page helper once, then tells it the page's language and step.
// __CONFIG__ is replaced by {lang, step, focus, nonce, helper} as JSON.
(() => {
  const CONFIG = __CONFIG__;
  const win = window.parent;
  const doc = win.document;
  doc.documentElement.lang = CONFIG.lang;
  if (!win.__clientCheck) {
    const script = doc.createElement("script");
    script.textContent = CONFIG.helper;
    doc.head.appendChild(script);
  }
  if (win.__clientCheck) {
    win.__clientCheck.setLang(CONFIG.lang);
    win.__clientCheck.showStep(CONFIG.step, CONFIG.focus, CONFIG.nonce);
  }
})();
