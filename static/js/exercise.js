// The exercise page's enhancements over its plain form, which works without them:
//  - drafts: the learner's code is saved on the server about a second after they stop
//    typing (and when the page is hidden), or in this browser for visitors and whenever
//    the server could not take it; a browser copy is offered back, then cleared;
//  - grading state: "Queued…" at once, both buttons disabled until the result arrives,
//    the previous result kept and marked, and a request for news that the server holds
//    until the result is stored (a short poll with back-off when it cannot);
//  - an ended session or a failed CSRF check shows a sign-in message in the result
//    panel, and the code stays in the editor.
// Loaded after htmx and the CodeMirror bundle (window.CodeEditors).
(function () {
  "use strict";

  const form = document.getElementById("editor-form");
  const textarea = document.getElementById("code");
  if (!form || !textarea) return;

  const SAVE_DELAY_MS = 1000; // after the last keystroke
  const RETRY_DELAY_MS = 5000; // after a failed save
  // News of a queued or running submission: each request says what the page shows
  // (?shown=queued) and the server holds it until that changes, up to about ten seconds
  // (courseware/live.py), so a stored result shows within milliseconds; after such a
  // wait the page asks again at once. When the server could not wait (too many waiting,
  // or it serves one request at a time) or the request failed, the page polls instead:
  // 100 ms, doubling to 500 ms, then every 2 s once it has waited 30 s (a queue backlog:
  // nobody needs it to the millisecond).
  const POLL_FIRST_MS = 100;
  const POLL_MAX_MS = 500;
  const POLL_PATIENT_AFTER_MS = 30000;
  const POLL_PATIENT_MS = 2000;
  // A held request that comes back sooner than this did not really wait: back off.
  const WAIT_MIN_MS = 1000;
  // A request held longer than this (a stalled proxy, a lost connection) is dropped and
  // asked again.
  const WAIT_ABORT_MS = 30000;

  const statusEl = document.getElementById("draft-status");
  const alertEl = document.getElementById("draft-alert");
  const result = document.getElementById("result");
  const previous = document.getElementById("previous-result");
  const pendingTemplate = document.getElementById("pending-result");
  const buttons = Array.from(form.querySelectorAll("button[type=submit]"));
  const resetLink = form.querySelector("[data-reset-to]");
  const signedIn = form.dataset.signedIn === "true";
  const canSubmit = form.dataset.canSubmit === "true";
  const storageKey = form.dataset.draftKey;

  // -- the editor --------------------------------------------------------------

  const editor = () => (window.CodeEditors ? window.CodeEditors.get(textarea.id) : undefined);

  function currentCode() {
    const view = editor();
    return view ? view.state.doc.toString() : textarea.value;
  }

  function replaceCode(code, focus) {
    const view = editor();
    textarea.value = code;
    if (view) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
      if (focus) view.focus();
    }
  }

  // A contenteditable is focusable, but axe-core and some assistive technology only
  // count elements with a tabindex; the editor's scroller then reads as unreachable.
  function markEditorFocusable() {
    const view = editor();
    if (view && !view.contentDOM.hasAttribute("tabindex")) view.contentDOM.tabIndex = 0;
  }

  // Code samples, tables and formulas in the prompt that scroll sideways must be
  // reachable by keyboard (WCAG 2.1.1): each one that really overflows its box, and has
  // nothing focusable inside, gets a tab stop (and loses it when it fits again).
  const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";

  function markScrollablesFocusable() {
    document.querySelectorAll(".exercise-prompt *").forEach((el) => {
      const overflowX = window.getComputedStyle(el).overflowX;
      const scrolls =
        (overflowX === "auto" || overflowX === "scroll") && el.scrollWidth > el.clientWidth + 1;
      if (scrolls && !el.hasAttribute("tabindex") && !el.querySelector(FOCUSABLE)) {
        el.tabIndex = 0;
        el.dataset.scrollFocus = "true";
      } else if (!scrolls && el.dataset.scrollFocus) {
        el.removeAttribute("tabindex");
        delete el.dataset.scrollFocus;
      }
    });
  }

  let resizeFrame = 0;
  function onResize() {
    window.cancelAnimationFrame(resizeFrame);
    resizeFrame = window.requestAnimationFrame(markScrollablesFocusable);
  }

  // -- CSRF --------------------------------------------------------------------

  function cookie(name) {
    const found = document.cookie.split("; ").find((part) => part.startsWith(name + "="));
    return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
  }

  // The cookie's token is the freshest (signing in again in another tab rotates it),
  // so the form's own hidden token is refreshed from it before anything is sent.
  function csrfToken() {
    const input = form.querySelector("input[name=csrfmiddlewaretoken]");
    const fresh = cookie("csrftoken");
    if (fresh && input) input.value = fresh;
    return fresh || (input ? input.value : "");
  }

  // -- drafts: the browser's copy ----------------------------------------------

  function readLocal() {
    try {
      const stored = JSON.parse(window.localStorage.getItem(storageKey) || "null");
      return stored && typeof stored.code === "string" ? stored : null;
    } catch (error) {
      return null;
    }
  }

  function keepLocal(code) {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify({ code: code, savedAt: Date.now() }));
      return true;
    } catch (error) {
      return false; // storage full or disabled: the code is still in the editor
    }
  }

  function clearLocal() {
    try {
      window.localStorage.removeItem(storageKey);
    } catch (error) {
      /* nothing to clear */
    }
  }

  // -- drafts: status ------------------------------------------------------------

  // Discreet on purpose: "Saving…" and "Saved" are shown, never read out; a failure is
  // announced once through the polite #draft-alert region.
  function setStatus(state, text, link) {
    if (!statusEl) return;
    statusEl.dataset.state = state;
    statusEl.textContent = text;
    if (link) {
      const a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.text;
      statusEl.append(" ", a, link.after || "");
    }
    if (alertEl) {
      const announce = state === "error" ? text : "";
      if (alertEl.textContent !== announce) alertEl.textContent = announce;
    }
  }

  function signInLink(after) {
    return {
      href: "/accounts/login/?next=" + encodeURIComponent(window.location.pathname),
      text: "Sign in",
      after: after || "",
    };
  }

  // -- drafts: saving --------------------------------------------------------------

  let lastSaved = currentCode();
  let lastRefused = null; // code the server refused as it is (too large): not sent again
  let signedOut = false; // the session or its token has ended: no beacon can succeed
  let saveTimer = null;
  let saving = false;
  let saveAgain = false;

  function scheduleSave(delay) {
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(saveNow, delay === undefined ? SAVE_DELAY_MS : delay);
  }

  function onEdit() {
    if (currentCode() === lastSaved) return;
    setStatus("pending", "Saving…");
    scheduleSave();
  }

  function draftBody(code) {
    const body = new FormData();
    body.append("code", code);
    body.append("csrfmiddlewaretoken", csrfToken());
    return body;
  }

  async function saveNow() {
    window.clearTimeout(saveTimer);
    const code = currentCode();
    if (code === lastSaved) {
      if (statusEl && statusEl.dataset.state === "pending") setStatus("saved", "Saved");
      return;
    }
    if (!signedIn) {
      if (keepLocal(code)) {
        lastSaved = code;
        setStatus("saved", "Saved in this browser.", signInLink(" to keep it on any device."));
      } else {
        setStatus("error", "Not saved: this browser would not store it.");
      }
      return;
    }
    if (saving) {
      saveAgain = true;
      return;
    }
    saving = true;
    try {
      const response = await fetch(form.dataset.draftUrl, {
        method: "POST",
        body: draftBody(code),
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken() },
      });
      if (response.status === 204) {
        lastSaved = code;
        signedOut = false;
        clearLocal();
        setStatus("saved", "Saved");
      } else {
        keepLocal(code);
        await explainFailedSave(response, code);
      }
    } catch (error) {
      keepLocal(code);
      setStatus("error", "Not saved: no connection. Your code is kept in this browser; trying again.");
      scheduleSave(RETRY_DELAY_MS);
    } finally {
      saving = false;
      if (saveAgain) {
        saveAgain = false;
        scheduleSave(0);
      }
    }
  }

  async function explainFailedSave(response, code) {
    if (response.status === 401 || response.status === 403) signedOut = true;
    if (response.status === 401) {
      setStatus("error", "Not saved: you have been signed out. Your code is kept in this browser.", signInLink(" to save it."));
    } else if (response.status === 403) {
      setStatus("error", "Not saved: this page has expired. Reload it; your code is kept in this browser.");
    } else if (response.status === 429) {
      const seconds = parseInt(response.headers.get("Retry-After") || "5", 10);
      setStatus("pending", "Not saved yet: saving too often. Trying again shortly.");
      scheduleSave(Math.max(1, seconds) * 1000);
    } else if (response.status === 400) {
      lastRefused = code;
      const reason = (await response.text()).trim(); // e.g. the size limit, in plain words
      setStatus("error", "Not saved: " + reason + " Your code is kept in this browser.");
    } else {
      setStatus("error", "Not saved: the site had a problem. Your code is kept in this browser; trying again.");
      scheduleSave(RETRY_DELAY_MS);
    }
  }

  // Leaving or hiding the page: send what is unsaved without waiting for the debounce.
  function flush() {
    const code = currentCode();
    if (code === lastSaved || code === lastRefused) return;
    window.clearTimeout(saveTimer);
    keepLocal(code); // in case the beacon is refused (e.g. the session has ended)
    if (signedIn && !signedOut && navigator.sendBeacon && navigator.sendBeacon(form.dataset.draftUrl, draftBody(code))) {
      lastSaved = code;
    }
  }

  // -- drafts: a copy kept in this browser ---------------------------------------

  function offerLocal(local) {
    const offer = document.createElement("div");
    offer.className = "alert alert-info draft-offer";
    offer.setAttribute("role", "region");
    offer.setAttribute("aria-label", "Code kept in this browser");
    const when = new Date(local.savedAt || Date.now());
    const text = document.createElement("p");
    text.textContent =
      "This browser kept other code for this exercise (" +
      when.toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }) +
      "). Use it instead of the code in the editor?";
    const actions = document.createElement("p");
    actions.className = "cluster";
    const use = document.createElement("button");
    use.type = "button";
    use.className = "button button-small";
    use.textContent = "Use the kept code";
    const keep = document.createElement("button");
    keep.type = "button";
    keep.className = "button button-small button-secondary";
    keep.textContent = "Keep the editor's code";
    actions.append(use, keep);
    offer.append(text, actions);
    form.before(offer);
    use.addEventListener("click", () => {
      offer.remove();
      replaceCode(local.code, true);
      saveNow();
    });
    keep.addEventListener("click", () => {
      offer.remove();
      clearLocal();
      const view = editor();
      if (view) view.focus();
    });
  }

  function restoreLocal() {
    const local = readLocal();
    if (!local) return;
    if (local.code === currentCode()) {
      if (signedIn) clearLocal();
      return;
    }
    if (!signedIn) {
      replaceCode(local.code, false);
      lastSaved = local.code;
      setStatus("saved", "Restored from this browser.", signInLink(" to keep it on any device."));
    } else if (form.dataset.codeSource === "starter") {
      // Nothing of theirs on the server yet (e.g. typed before signing in): keep it.
      // ("reset", the starter the learner asked for, only offers it.)
      replaceCode(local.code, false);
      setStatus("pending", "Saving the code kept in this browser…");
      saveNow();
    } else {
      offerLocal(local);
    }
  }

  // -- reset to starter code -----------------------------------------------------------

  function onReset(event) {
    const source = document.getElementById(resetLink.dataset.resetTo);
    if (!source) return; // follow the link: ?reset=1 shows the starter code
    event.preventDefault();
    if (!window.confirm("Replace your code with the starter code? Your saved draft will be discarded.")) return;
    const starter = JSON.parse(source.textContent);
    window.clearTimeout(saveTimer);
    replaceCode(starter, true);
    lastSaved = starter;
    clearLocal();
    if (!signedIn) {
      setStatus("saved", "Reset to the starter code.");
      return;
    }
    fetch(form.dataset.draftDiscardUrl, {
      method: "POST",
      body: draftBody(""),
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
    })
      .then((response) => {
        if (response.status === 204) setStatus("saved", "Reset to the starter code.");
        else explainFailedSave(response);
      })
      .catch(() => setStatus("error", "Reset here, but the saved draft could not be discarded: no connection."));
  }

  // -- grading state -------------------------------------------------------------------

  let action = "submit";
  let pollTimer = null; // set while a poll is scheduled
  let pollDelay = POLL_FIRST_MS;
  let polling = false; // a poll request is on its way
  let pollAbort = null; // cancels the request on its way (the page is hidden)
  let pollWaiting = false; // a poll is due but the page is hidden
  let pollSince = 0; // when this submission's polling began

  function setBusy(busy) {
    buttons.forEach((button) => {
      button.disabled = busy || !canSubmit;
    });
    form.setAttribute("aria-busy", busy ? "true" : "false");
  }

  function currentResult() {
    return result ? result.querySelector(".submission-result") : null;
  }

  // Ids and polling do not belong to a copy kept for reference.
  function inert(node) {
    node.removeAttribute("id");
    node.removeAttribute("data-poll-url");
    node.querySelectorAll("[id]").forEach((el) => el.removeAttribute("id"));
    node.querySelectorAll("[hx-swap-oob]").forEach((el) => el.remove());
    node.classList.add("is-previous");
    return node;
  }

  function clearPrevious() {
    if (!previous) return;
    previous.hidden = true;
    previous.querySelectorAll(".submission-result").forEach((el) => el.remove());
  }

  function showPending() {
    const last = currentResult();
    if (last && !last.hasAttribute("data-pending") && previous) {
      clearPrevious();
      previous.append(inert(last));
      previous.hidden = false;
    }
    if (!result || !pendingTemplate) return;
    const pending = pendingTemplate.content.firstElementChild.cloneNode(true);
    pending.querySelector("[data-slot=label]").textContent = action === "run" ? "Visible tests" : "Your submission";
    result.replaceChildren(pending);
  }

  function showError(message) {
    if (!result) return;
    const alert = document.createElement("div");
    alert.className = "alert alert-error";
    alert.setAttribute("role", "alert");
    alert.textContent = message + " Your code is still in the editor.";
    result.replaceChildren(alert);
  }

  // Called whenever the panel's content changed: poll on, or stop and free the buttons.
  function settle() {
    const el = currentResult();
    if (el && el.dataset.pollUrl) {
      setBusy(true);
      if (pollTimer === null && !polling) schedulePoll();
      return;
    }
    window.clearTimeout(pollTimer);
    pollTimer = null;
    pollDelay = POLL_FIRST_MS;
    pollSince = 0;
    setBusy(false);
    if (el && !el.hasAttribute("data-pending")) clearPrevious();
    if (result && result.querySelector("[data-session-ended]")) {
      signedOut = true;
      keepLocal(currentCode());
    }
  }

  // ``now``: ask again at once (the server just held a request as long as it could).
  function schedulePoll(now) {
    window.clearTimeout(pollTimer);
    pollTimer = null;
    if (document.hidden) {
      pollWaiting = true; // resumed by visibilitychange
      return;
    }
    if (!pollSince) pollSince = Date.now();
    if (now) {
      pollDelay = POLL_FIRST_MS;
      pollTimer = window.setTimeout(poll, 0);
      return;
    }
    pollTimer = window.setTimeout(poll, pollDelay);
    pollDelay =
      Date.now() - pollSince > POLL_PATIENT_AFTER_MS ? POLL_PATIENT_MS : Math.min(pollDelay * 2, POLL_MAX_MS);
  }

  async function poll() {
    pollTimer = null;
    const el = currentResult();
    if (!el || !el.dataset.pollUrl) return settle();
    let response;
    let html;
    const url = new URL(el.dataset.pollUrl, window.location.href);
    url.searchParams.set("shown", el.dataset.status || "");
    const controller = new AbortController();
    const stalled = window.setTimeout(() => controller.abort(), WAIT_ABORT_MS);
    const sentAt = Date.now();
    polling = true;
    pollAbort = controller;
    try {
      response = await fetch(url, {
        credentials: "same-origin",
        headers: { "HX-Request": "true", "HX-Current-URL": window.location.href },
        signal: controller.signal,
      });
      html = await response.text();
    } catch (error) {
      // Offline for a moment, a server restarting, or cancelled because the page was
      // hidden: keep asking, no faster than the back-off (not at all while hidden).
      return schedulePoll();
    } finally {
      window.clearTimeout(stalled);
      polling = false;
      pollAbort = null;
    }
    if (!el.isConnected) return settle(); // a new run replaced it meanwhile
    if (response.status >= 500) return schedulePoll(); // e.g. a restart: ask again
    if (response.status === 204) {
      // No change. After a real wait, ask again at once; else back off.
      const waited = response.headers.get("X-Live-Waited") === "1" && Date.now() - sentAt >= WAIT_MIN_MS;
      return schedulePoll(waited);
    }
    if (!response.ok && !response.headers.get("X-Session-Ended")) {
      showError("The result could not be fetched (error " + response.status + ").");
      return settle();
    }
    const incoming = document.createElement("template");
    incoming.innerHTML = html;
    const next = incoming.content.querySelector(".submission-result");
    // Same state as shown: leave the panel alone, so it is not read out again.
    if (next && next.dataset.status === el.dataset.status && next.dataset.pollUrl) {
      return schedulePoll();
    }
    if (window.htmx) {
      window.htmx.swap(el, html, { swapStyle: "outerHTML", swapDelay: 0, settleDelay: 0 });
    } else {
      el.outerHTML = html;
    }
    settle();
  }

  // -- wiring ----------------------------------------------------------------------------

  buttons.forEach((button) =>
    button.addEventListener("click", () => {
      action = button.value;
    })
  );

  form.addEventListener("htmx:configRequest", (event) => {
    // htmx read the form before this event, so the fresh token goes in here.
    const token = csrfToken();
    if (token) {
      event.detail.parameters["csrfmiddlewaretoken"] = token;

      event.detail.headers["X-CSRFToken"] = token;
    }
  });

  form.addEventListener("htmx:beforeRequest", (event) => {
    if (event.detail.elt !== form) return;
    window.clearTimeout(pollTimer);
    pollTimer = null;
    pollDelay = POLL_FIRST_MS;
    pollSince = 0;
    setBusy(true);
    showPending();
  });

  document.body.addEventListener("htmx:beforeSwap", (event) => {
    // An ended session (401) or a failed CSRF check (403) comes with a message for the
    // panel; htmx swaps only 2xx responses unless told to.
    const xhr = event.detail.xhr;
    if ((xhr.status === 401 || xhr.status === 403) && xhr.getResponseHeader("X-Session-Ended")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  form.addEventListener("htmx:afterRequest", (event) => {
    if (event.detail.elt !== form) return;
    if (event.detail.failed && !event.detail.xhr.getResponseHeader("X-Session-Ended")) {
      const status = event.detail.xhr.status;
      showError(
        status
          ? "Your code could not be sent (error " + status + "). Try again in a moment."
          : "Your code could not be sent: no connection. Try again in a moment."
      );
    }
    settle();
  });

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") {
      flush();
      // Nobody is looking: drop the held request and ask nothing more until the page is
      // shown again (the server's side of it ends at its own time limit, ten seconds).
      if (pollAbort) pollAbort.abort();
    } else if (pollWaiting) {
      pollWaiting = false;
      pollDelay = POLL_FIRST_MS;
      poll();
    }
  });
  window.addEventListener("pagehide", flush);

  function start() {
    if (statusEl) statusEl.hidden = false; // drafts are saved: make room for their status
    markEditorFocusable();
    markScrollablesFocusable();
    window.addEventListener("resize", onResize);
    // Typing fires "input"; the editor's own commands (Enter with indent, Tab, undo,
    // completions) change the code without it, so key and pointer ups look too.
    const view = editor();
    ["input", "keyup", "cut", "paste", "drop", "pointerup"].forEach((type) =>
      (view ? view.dom : textarea).addEventListener(type, onEdit)
    );
    if (resetLink) resetLink.addEventListener("click", onReset);
    if (form.dataset.codeSource === "draft") setStatus("saved", "Draft restored");
    restoreLocal();
    settle(); // a page opened while its latest submission is still being graded
  }

  start();
})();
