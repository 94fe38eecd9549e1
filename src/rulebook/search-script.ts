/**
 * The rulebook's one script: the search box that filters the rules and information items, the
 * facts and the thresholds and delays as the reader types. It is a constant (never source text),
 * allowed by its hash in the page's Content-Security-Policy, and the page works without it: the
 * box stays hidden and everything is shown.
 *
 * It holds no word of any language: the count it announces is the `data-count` of the `output`
 * element, an interface word with `{0}` for the number. Accents and case are ignored, and every
 * word typed must appear in an element for it to stay shown.
 */
export const rulebookSearchScript = `
(function () {
  "use strict";
  var form = document.getElementById("recherche");
  if (!form) return;
  var input = form.querySelector("input");
  var count = form.querySelector("output");
  var items = Array.prototype.slice.call(document.querySelectorAll(".searchable"));
  var fold = function (text) { return text.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase(); };
  var texts = items.map(function (item) { return fold(item.textContent || ""); });
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  input.addEventListener("input", function () {
    var words = fold(input.value).split(/\\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (item, index) {
      var match = words.every(function (word) { return texts[index].indexOf(word) >= 0; });
      item.hidden = !match;
      if (match) shown += 1;
    });
    count.textContent = words.length ? (count.getAttribute("data-count") || "{0}").replace("{0}", String(shown)) : "";
  });
})();
`;
