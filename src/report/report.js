// salve report: sorts and filters the table of articles. The page is
// complete without this script; it only adds the controls.
(function () {
  "use strict";
  var table = document.getElementById("article-table");
  var form = document.getElementById("filters");
  if (!table || !form || !table.tBodies.length) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var shown = document.getElementById("shown");
  var text = document.getElementById("filter-text");
  var status = document.getElementById("filter-status");
  var reviewer = document.getElementById("filter-reviewer");

  function key(row, index, type) {
    var cell = row.cells[index];
    var value = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    if (type === "number") {
      var n = parseFloat(value);
      return isNaN(n) ? -Infinity : n;
    }
    return value.toLowerCase();
  }

  function sortBy(index) {
    var th = headers[index];
    var type = th.getAttribute("data-type");
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var keyed = rows.map(function (row, i) { return { row: row, key: key(row, index, type), i: i }; });
    keyed.sort(function (a, b) {
      // Empty text (never reviewed, no reviewer) sorts last either way.
      if (a.key === "" && b.key !== "") return 1;
      if (b.key === "" && a.key !== "") return -1;
      var order = a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i;
      return ascending ? order : -order;
    });
    keyed.forEach(function (k) { body.appendChild(k.row); });
  }

  headers.forEach(function (th, index) {
    var button = document.createElement("button");
    button.type = "button";
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener("click", function () { sortBy(index); });
  });

  function filter() {
    var words = text.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var keep = (!status.value || row.getAttribute("data-status") === status.value) &&
        (!reviewer.value || row.getAttribute("data-reviewer") === reviewer.value) &&
        (!words || row.textContent.toLowerCase().indexOf(words) !== -1);
      row.hidden = !keep;
      if (keep) count += 1;
    });
    shown.textContent = "Showing " + count + " of " + rows.length + " articles";
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); });
  [text, status, reviewer].forEach(function (control) {
    control.addEventListener("input", filter);
    control.addEventListener("change", filter);
  });
  form.hidden = false;
  filter();
})();
