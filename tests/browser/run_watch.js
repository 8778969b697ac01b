// Test-only: watch Streamlit's websocket to know when the app has finished running.
//
// Installed in every test page before Streamlit loads (tests/browser/conftest.py), read
// by wait_idle (tests/browser/helpers.py). It replaces the fixed pauses that guessed
// how long a run takes to start and to end: a run is pending from the moment the page
// asks for one (a BackMsg rerun_script) until the server has started it (new_session)
// and ended it (script_finished, unless it ended early for another rerun).
(() => {
  const watch = {
    asked: 0,         // rerun requests sent, ever
    pending: false,   // asked, and no run has started since
    running: false,   // a run started and has not finished
    unsure: false,    // several requests before one start: which run answers the last?
    lastMessage: 0,   // performance.now() of the last frame either way
    sockets: 0,       // websockets made
    opened: 0,        // websockets that connected
  };
  window.__ccRuns = watch;

  // The field numbers at the top level of a protobuf message, with varint values.
  function topFields(bytes) {
    const out = [];
    let i = 0;
    const varint = () => {
      let value = 0, shift = 0, b;
      do {
        if (i >= bytes.length) throw new Error("truncated");
        b = bytes[i++];
        value += (b & 0x7f) * Math.pow(2, shift);
        shift += 7;
      } while (b & 0x80);
      return value;
    };
    while (i < bytes.length) {
      const tag = varint();
      const field = Math.floor(tag / 8), wire = tag % 8;
      if (wire === 0) out.push([field, varint()]);
      else if (wire === 2) { const n = varint(); i += n; out.push([field, null]); }
      else if (wire === 1) { i += 8; out.push([field, null]); }
      else if (wire === 5) { i += 4; out.push([field, null]); }
      else throw new Error("wire type " + wire);
    }
    return out;
  }

  function asBytes(data) {
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return null;
  }

  const RERUN_SCRIPT = 11;                 // BackMsg.rerun_script
  const NEW_SESSION = 4, SCRIPT_FINISHED = 6;  // ForwardMsg fields
  const FINISHED_EARLY_FOR_RERUN = 2;

  function sent(data) {
    const bytes = asBytes(data);
    if (!bytes) return;
    try {
      if (topFields(bytes).some(([field]) => field === RERUN_SCRIPT)) {
        if (watch.pending) watch.unsure = true;
        watch.pending = true;
        watch.asked += 1;
      }
    } catch (e) { watch.unsure = true; }
    watch.lastMessage = performance.now();
  }

  function received(event) {
    watch.lastMessage = performance.now();
    const bytes = asBytes(event.data);
    if (!bytes) return;
    let fields;
    try { fields = topFields(bytes); } catch (e) { watch.unsure = true; return; }
    for (const [field, value] of fields) {
      if (field === NEW_SESSION) {
        watch.pending = false;
        watch.running = true;
      } else if (field === SCRIPT_FINISHED && value !== FINISHED_EARLY_FOR_RERUN) {
        watch.running = false;
      }
    }
  }

  // Streamlit 1.67 sends a widget's change from a zero-delay timer, a moment after the
  // click or the key: count such timers, so that a wait does not end between the action
  // and its request (a busy page can run them late).
  const soon = new Set();
  const nativeSetTimeout = window.setTimeout, nativeClearTimeout = window.clearTimeout;
  window.setTimeout = function (handler, delay, ...rest) {
    if (typeof handler !== "function" || Number(delay) > 4) {
      return nativeSetTimeout.call(window, handler, delay, ...rest);
    }
    const id = nativeSetTimeout.call(window, function (...args) {
      soon.delete(id);
      return handler.apply(this, args);
    }, delay, ...rest);
    soon.add(id);
    return id;
  };
  window.clearTimeout = function (id) {
    soon.delete(id);
    return nativeClearTimeout.call(window, id);
  };
  watch.soon = () => soon.size;

  const Native = window.WebSocket;
  window.WebSocket = new Proxy(Native, {
    construct(target, args) {
      const socket = new target(...args);
      watch.sockets += 1;
      const send = socket.send;
      socket.send = function (data) { sent(data); return send.call(this, data); };
      socket.addEventListener("message", received);
      socket.addEventListener("open", () => { watch.opened += 1; });
      socket.addEventListener("close", () => {
        watch.pending = false;
        watch.running = false;
        watch.lastMessage = performance.now();
      });
      return socket;
    },
  });
})();
