// Module pages, for enrolled learners: "Mark as complete" without a reload, and the
// section being read reported for the dashboard's Resume. Both only enhance: without
// this file the form posts and comes back to the completion block's anchor, and Resume
// goes to the first unfinished module.
(function () {
  "use strict";

  var block = document.getElementById("module-completion");
  if (!block || !window.fetch) { return; }

  var announcer = document.createElement("p");
  announcer.className = "visually-hidden";
  announcer.setAttribute("role", "status");
  document.body.appendChild(announcer);

  function announce(text) {
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  function csrfToken() {
    var field = document.querySelector("#module-completion input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  // -- mark as complete, in place -------------------------------------------

  function replaceOuter(element, html) {
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var fresh = holder.firstElementChild;
    if (fresh) { element.replaceWith(fresh); }
    return fresh;
  }

  function applyUpdate(data) {
    var current = document.getElementById("module-completion");
    var fresh = current && replaceOuter(current, data.completion);
    var tick = document.querySelector('.module-list a[aria-current="page"] .tick');
    if (tick && data.module_tick) { replaceOuter(tick, data.module_tick); }
    var percent = document.querySelector(".lesson-header .course-percent");
    if (percent && data.course_percent) {
      var holder = document.createElement("span");
      holder.innerHTML = data.course_percent;
      var freshPercent = holder.querySelector(".course-percent");
      if (freshPercent) { percent.replaceWith(freshPercent); }
    }
    if (fresh) {
      var heading = fresh.querySelector("h2");
      announce(heading ? heading.textContent : "");
      fresh.focus({ preventScroll: true });
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("module-completion-form")) { return; }
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = true; }
    // getAttribute: the undo form's input named "action" shadows form.action.
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Requested-With": "fetch", "Accept": "application/json" },
      credentials: "same-origin",
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (!response.ok || type.indexOf("application/json") === -1) {
        throw new Error("not an update");
      }
      return response.json();
    }).then(applyUpdate, function () {
      // Offline, a signed-out session or a server error: the plain form does it and the
      // page it comes back to explains.
      HTMLFormElement.prototype.submit.call(form);
    });
  });

  // -- the section being read -------------------------------------------------

  var positionUrl = block.getAttribute("data-position-url");
  var headings = Array.prototype.slice.call(
    document.querySelectorAll(".lesson .prose > h2[id], .lesson .prose > h3[id]")
  );
  if (!positionUrl || !headings.length || !navigator.sendBeacon) { return; }

  var MIN_INTERVAL_MS = 10000; // at most one report every ten seconds while reading
  var current = null;
  var sent = null;
  var lastSentAt = 0;
  var timer = null;

  function sectionInView() {
    // The last heading above the upper third of the window is the section being read.
    var line = window.innerHeight / 3;
    var found = null;
    for (var i = 0; i < headings.length; i += 1) {
      if (headings[i].getBoundingClientRect().top <= line) { found = headings[i].id; } else { break; }
    }
    return found;
  }

  function send() {
    timer = null;
    if (!current || current === sent) { return; }
    var data = new FormData();
    data.append("section", current);
    data.append("csrfmiddlewaretoken", csrfToken());
    if (navigator.sendBeacon(positionUrl, data)) {
      sent = current;
      lastSentAt = Date.now();
    }
  }

  function schedule() {
    current = sectionInView();
    if (!current || current === sent || timer) { return; }
    var wait = Math.max(0, MIN_INTERVAL_MS - (Date.now() - lastSentAt));
    timer = window.setTimeout(send, Math.max(wait, 1500)); // settle after a jump
  }

  var scrollFrame = null;
  window.addEventListener("scroll", function () {
    if (scrollFrame) { return; }
    scrollFrame = window.requestAnimationFrame(function () { scrollFrame = null; schedule(); });
  }, { passive: true });
  // Leaving the page (or hiding it) reports the last section at once.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      if (timer) { window.clearTimeout(timer); }
      current = sectionInView() || current;
      send();
    }
  });
})();
