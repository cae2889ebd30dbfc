/* The Copy button of a publication's "Cite" section: puts the reference on the clipboard as
 * plain text. The clipboard API needs a secure context (https, http://127.0.0.1, file://);
 * elsewhere, or when the browser refuses, the reference is selected for the reader to copy.
 * The button is hidden until this script runs: without JavaScript the reference can still be
 * selected by hand. */
(function () {
  "use strict";

  document.querySelectorAll(".copy-button").forEach(function (button) {
    var reference = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".copy-status");

    function say(text) {
      status.textContent = text;
    }

    function select() {
      var range = document.createRange();
      range.selectNodeContents(reference);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      say(button.getAttribute("data-selected"));
    }

    button.hidden = false;
    button.addEventListener("click", function () {
      var text = reference.textContent.replace(/\s+/g, " ").trim();
      say("");
      if (!navigator.clipboard || !window.isSecureContext) return select();
      navigator.clipboard.writeText(text).then(function () {
        say(button.getAttribute("data-copied"));
      }, select);
    });
  });
})();
