// The certificate page: "Copy link" and "Print". Both buttons are hidden in the markup
// and shown here, so without JavaScript the page offers what works without it: the link
// itself, in a field to select and copy by hand, and the PDF download.
(function () {
  "use strict";

  var share = document.querySelector("[data-certificate-share]");
  if (share) {
    var field = share.querySelector("input");
    var button = share.querySelector("[data-copy-link]");
    var status = share.querySelector("[data-copy-status]");
    var timer = null;

    function say(message) {
      status.textContent = message;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { status.textContent = ""; }, 6000);
    }

    function selectField() {
      field.focus();
      field.select();
    }

    if (button && navigator.clipboard && window.isSecureContext) {
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(field.value).then(
          function () { say("Link copied. Paste it wherever you want to share it."); },
          function () {
            selectField();
            say("Your browser did not allow copying: the link is selected, copy it with Ctrl+C or ⌘C.");
          }
        );
      });
    }
    field.addEventListener("focus", function () { field.select(); });
  }

  var print = document.querySelector("[data-print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
