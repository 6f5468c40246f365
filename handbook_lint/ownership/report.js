// handbook-lint coverage report: filter the tables by page, function and tier.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var sections = document.querySelectorAll("section.matrix");

  function apply() {
    var page = form.elements.page.value, fn = form.elements["function"].value, tier = form.elements.tier.value;
    var shown = 0;
    document.querySelectorAll("tr[data-function]").forEach(function (row) {
      row.hidden = fn !== "" && row.getAttribute("data-function") !== fn;
    });
    document.querySelectorAll("[data-tiers]").forEach(function (cell) {
      var covers = cell.getAttribute("data-tiers").split(" ").indexOf(tier) !== -1;
      cell.hidden = tier !== "" && !covers;
      cell.colSpan = tier !== "" ? 1 : Number(cell.getAttribute("data-colspan") || 1);
    });
    sections.forEach(function (section) {
      section.hidden = (page !== "" && section.getAttribute("data-page") !== page) ||
        (fn !== "" && !section.querySelector('tr[data-function="' + fn + '"]')) ||
        (tier !== "" && !section.querySelector('thead [data-tiers~="' + tier + '"]'));
      if (!section.hidden) { shown += 1; }
    });
    document.getElementById("shown").textContent = "Showing " + shown + " of " + sections.length + " tables.";
  }

  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  apply();
}());
