// Module pages: small enhancements. Everything here is optional: the lesson, its maths
// (MathML, rendered when the content was synced) and the knowledge checks all work
// without this file.
(function () {
  "use strict";

  // A display formula wider than the column scrolls inside its own block, and so does a
  // long inline one on a phone. Mouse and touch users can scroll it as it is; a tab stop
  // lets keyboard users do the same. (Code blocks and tables get theirs when the lesson
  // is rendered: they are always scroll boxes, formulas only when they do not fit.)
  function markScrollableMaths(root) {
    root.querySelectorAll(".math-display, .math-word").forEach(function (block) {
      if (block.scrollWidth > block.clientWidth + 1) {
        block.setAttribute("tabindex", "0");
      } else {
        block.removeAttribute("tabindex");
      }
    });
  }

  function markWhenLaidOut() {
    markScrollableMaths(document);
    // The maths font changes widths once it has loaded.
    if (document.fonts && document.fonts.ready) {
      document.fonts.ready.then(function () { markScrollableMaths(document); });
    }
  }

  // The module list is a column on wide screens and a closed disclosure on phones.
  // reading.css keeps the column open where browsers allow it; this covers the others.
  var wide = window.matchMedia("(min-width: 901px)");
  function openModuleListWhenWide() {
    var modules = document.querySelector(".reading-modules-disclosure");
    if (modules) { modules.open = wide.matches; }
  }
  openModuleListWhenWide();
  wide.addEventListener("change", openModuleListWhenWide);

  var resizeFrame = null;
  window.addEventListener("resize", function () {
    if (resizeFrame) { window.cancelAnimationFrame(resizeFrame); }
    resizeFrame = window.requestAnimationFrame(function () { markScrollableMaths(document); });
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", markWhenLaidOut);
  } else {
    markWhenLaidOut();
  }

  // An answered knowledge check replaces its block (htmx): move focus to the verdict so
  // keyboard and screen-reader users land on the result.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var block = (target && target.id && document.getElementById(target.id)) || event.detail.elt;
    if (!block) { return; }
    markScrollableMaths(block);
    var verdict = block.querySelector(".quiz-verdict, .quiz-error");
    if (verdict) {
      verdict.setAttribute("tabindex", "-1");
      verdict.focus();
    }
  });
})();
