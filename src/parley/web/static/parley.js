// parley's pages: sortable tables and the comment filter. Written for parley; no library, no network.
// It only reads the page and toggles classes: document text is never turned into HTML here.
(function () {
  "use strict";
  function cellValue(row, index) {
    var text = row.children[index] ? row.children[index].textContent.trim() : "";
    var number = parseFloat(text);
    return isNaN(number) || String(number) !== text.replace(/^\+/, "") ? text.toLowerCase() : number;
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th, index) {
      th.addEventListener("click", function () {
        var body = table.tBodies[0];
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        Array.prototype.slice.call(body.rows).sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        }).forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  var filter = document.getElementById("flag-filter");
  if (filter) {
    filter.addEventListener("change", function () {
      var wanted = filter.value;
      document.querySelectorAll("article.comment").forEach(function (comment) {
        var flags = (comment.getAttribute("data-flags") || "").split(" ").filter(Boolean);
        var show = !wanted || (wanted === "*" ? flags.length > 0 : flags.indexOf(wanted) >= 0);
        comment.classList.toggle("hidden", !show);
      });
    });
  }
})();
