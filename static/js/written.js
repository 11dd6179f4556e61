// Counts the words of each written part as the learner types, by the server's rule
// (runs of letters or digits), and says how that compares with the part's limits.
// Without JavaScript the server still counts and explains on submit.
(function () {
  "use strict";
  var WORD = /[\p{L}\p{N}]+(?:['\u2019-][\p{L}\p{N}]+)*/gu;

  function update(area, output) {
    var words = (area.value.match(WORD) || []).length;
    var min = Number(area.dataset.minWords);
    var max = Number(area.dataset.maxWords);
    var note = words + (words === 1 ? " word" : " words");
    if (words < min) note += " (at least " + min + ")";
    else if (words > max) note += " (at most " + max + ")";
    output.textContent = note;
  }

  document.querySelectorAll("textarea[data-word-count]").forEach(function (area) {
    var output = document.getElementById(area.dataset.wordCount);
    if (!output) return;
    update(area, output);
    area.addEventListener("input", function () { update(area, output); });
  });
})();
