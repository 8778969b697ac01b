// Autosave on the user's own device: the page side of clientcheck/ui/device.py.
//
// A Streamlit v2 component (st.components.v2): Streamlit imports this module from the
// app's own origin and calls its default export whenever the data from Python changes.
// It reads and writes window.localStorage; Python decides what to keep and validates
// everything this sends back. Nothing is sent anywhere else.

const KEY = "clientcheck.session";
const PREF = "clientcheck.autosave";
let answered = null;  // the server session this page load last answered
let known = null;     // the copy this tab last read or wrote
let mine = null;      // the copy this tab last wrote
let lastSync = null;  // the last foreign copy reported to the server
let lastForget = "";
let failing = false;
let latest = null;    // the newest {data, setTriggerValue}
let listening = false;

// Messages go as trigger values: they reach one run and are not sent again with every
// later interaction (a copy can weigh tens of kilobytes).
function report(name, value) {
  try { latest.setTriggerValue(name, value); } catch (e) { /* the page is going away */ }
}

function storage() {
  try { return window.localStorage; } catch (e) { return null; }
}

function probe() {
  // Private modes may refuse storage or any write; find out before relying on it.
  try {
    const s = window.localStorage;
    s.setItem("clientcheck.probe", "1");
    s.removeItem("clientcheck.probe");
    return s;
  } catch (e) {
    return null;
  }
}

function read(s, key) {
  try { return s.getItem(key); } catch (e) { return null; }
}

// Names a copy by the tab that wrote it and when; "?" for a copy that is not ours.
function token(text) {
  try {
    const d = JSON.parse(text);
    if (d && typeof d.writer === "string" && Number.isSafeInteger(d.saved_at)) {
      return d.writer + ":" + d.saved_at;
    }
  } catch (e) { /* not JSON */ }
  return "?";
}

function onStorage(event) {
  const data = latest && latest.data;
  if (!data || !data.ready || (event.key !== null && event.key !== KEY)) return;
  const s = storage();
  const text = s ? read(s, KEY) : null;
  if (text === null || text === known || text === lastSync) return;
  reportSync(data, text);
}

// Tell the server another tab saved `text`, and again every 2 s until it says it heard
// (data.heard): a report can be lost when the page changes under it, and this tab must
// not go on as if nobody else had written.
let syncTimer = null;
function reportSync(data, text) {
  lastSync = text;
  report("sync", {ask: data.ask, text: text});
  clearTimeout(syncTimer);
  syncTimer = setTimeout(() => {
    const now = latest && latest.data;
    const s = storage();
    if (now && now.ready && now.heard !== token(text) && s && read(s, KEY) === text) {
      reportSync(now, text);
    }
  }, 2000);
}

function save(data) {
  const s = storage();
  if (!s) return;
  try {
    if (data.forget && data.forget !== lastForget) {
      lastForget = data.forget;
      s.removeItem(KEY);
      s.removeItem(PREF);
      known = mine = null;
    }
    if (data.autosave) {
      if (read(s, PREF) !== null) s.removeItem(PREF);
    } else if (read(s, PREF) !== "off") {
      s.setItem(PREF, "off");
    }
    const want = data.autosave && data.payload ? data.payload : null;
    const current = read(s, KEY);
    if (current === want) { known = want; return; }
    if (want === null) {
      // Nothing to keep: remove this tab's own copy (or all, with autosave off); a copy
      // this tab did not write stays until there is work to save over it.
      if (!data.autosave || current === mine) { s.removeItem(KEY); known = mine = null; }
      return;
    }
    const mark = current === null ? "" : token(current);
    if (current !== null && current !== known && mark !== "?" && mark !== data.accept) {
      // Another tab wrote since: the server decides whether that is newer work.
      if (current !== lastSync && mark !== data.heard) reportSync(data, current);
      return;
    }
    s.setItem(KEY, want);
    known = mine = want;
    if (failing) { failing = false; report("status", {ask: data.ask, ok: true}); }
  } catch (e) {
    if (!failing) { failing = true; report("status", {ask: data.ask, ok: false}); }
  }
}

export default function (component) {
  const { data, setTriggerValue } = component;
  latest = {data: data, setTriggerValue: setTriggerValue};
  if (!data || !data.ask) return;
  if (!listening) {
    listening = true;
    window.addEventListener("storage", onStorage);
  }
  if (answered !== data.ask) {
    // Once per server session: on a page load, and again after a server restart.
    const again = answered !== null;
    answered = data.ask;
    const s = probe();
    if (!s) { report("loaded", {ask: data.ask, available: false, again: again}); return; }
    const text = read(s, KEY);
    known = text;
    report("loaded", {
      ask: data.ask, available: true, again: again,
      autosave: read(s, PREF) !== "off", text: text,
    });
    return;
  }
  if (data.ready) save(data);
}
