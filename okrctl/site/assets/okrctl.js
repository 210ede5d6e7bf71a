/* okrctl's few behaviours on top of pages that work without JavaScript:
   - controls that need JavaScript (filters, expand all) are hidden in the HTML and shown here;
   - a banner when the reader's clock is past the check-in rhythm since the day the page's
     data is as of;
   - printing opens every <details>, and closes them again afterwards;
   - a deep link (#id) opens every <details> around its target and highlights it;
   - "Expand all" / "Collapse all" on the goal tree and the org chart;
   - arrow keys move through the tree (Up/Down, Right opens, Left closes or goes to the parent,
     Home/End);
   - filters by unit, person and status, applied in the page (offline) and kept in the URL so
     that a team can bookmark its view.
   Nothing here loads anything: the page already holds every node. */
(function () {
  "use strict";

  function openAround(element) {
    var details = element.parentElement ? element.parentElement.closest("details") : null;
    while (details) {
      details.open = true;
      details = details.parentElement ? details.parentElement.closest("details") : null;
    }
  }

  function showTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var target = document.getElementById(id);
    if (!target) return;
    document.querySelectorAll(".okr-target").forEach(function (e) {
      e.classList.remove("okr-target");
    });
    openAround(target);
    var own = target.querySelector(":scope > details");
    if (own) own.open = true;
    if (target.tagName === "DETAILS") target.open = true;
    target.classList.add("okr-target");
    target.scrollIntoView({ block: "center" });
  }

  function trees() {
    return document.querySelectorAll(".okr-tree");
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-okr-toggle]") : null;
    if (!button) return;
    var open = button.getAttribute("data-okr-toggle") === "open";
    trees().forEach(function (tree) {
      tree.querySelectorAll("details").forEach(function (d) {
        d.open = open;
      });
    });
  });

  function visibleSummaries(tree) {
    return Array.prototype.filter.call(tree.querySelectorAll("summary"), function (s) {
      return s.getClientRects().length > 0;
    });
  }

  function onKey(event) {
    var summary = event.target;
    if (!summary || summary.tagName !== "SUMMARY") return;
    var tree = summary.closest(".okr-tree");
    if (!tree) return;
    var details = summary.parentElement;
    var all = visibleSummaries(tree);
    var at = all.indexOf(summary);
    var next = null;
    switch (event.key) {
      case "ArrowDown":
        next = all[at + 1];
        break;
      case "ArrowUp":
        next = all[at - 1];
        break;
      case "Home":
        next = all[0];
        break;
      case "End":
        next = all[all.length - 1];
        break;
      case "ArrowRight":
        if (!details.open) {
          details.open = true;
        } else {
          next = visibleSummaries(details)[1];
        }
        break;
      case "ArrowLeft":
        if (details.open) {
          details.open = false;
        } else {
          var parent = details.parentElement.closest("details");
          next = parent ? parent.querySelector(":scope > summary") : null;
        }
        break;
      default:
        return;
    }
    event.preventDefault();
    if (next) next.focus();
  }

  document.addEventListener("keydown", onKey);

  /* Filters: an element with class okr-filterable matches when each chosen value is among its
     data-units, data-people and data-status words; it shows when it or something inside it
     matches. */
  var FIELDS = { unit: "units", person: "people", status: "status" };

  function chosen(form) {
    var values = {};
    Object.keys(FIELDS).forEach(function (name) {
      var field = form.elements.namedItem(name);
      values[name] = field ? field.value : "";
    });
    return values;
  }

  function matches(element, values) {
    return Object.keys(FIELDS).every(function (name) {
      if (!values[name]) return true;
      var words = (element.getAttribute("data-" + FIELDS[name]) || "").split(" ");
      return words.indexOf(values[name]) !== -1;
    });
  }

  function apply(form, write) {
    var values = chosen(form);
    var active = Object.keys(values).some(function (k) {
      return values[k];
    });
    var items = Array.prototype.slice.call(document.querySelectorAll(".okr-filterable"));
    var shown = new Set();
    var matched = 0;
    for (var i = items.length - 1; i >= 0; i--) {
      var item = items[i];
      var hit = !active || matches(item, values);
      if (hit) matched++;
      // children come after their parent in document order: they are decided already
      var inner = item.querySelectorAll(":scope > details > ul > .okr-filterable");
      var below = false;
      for (var j = 0; j < inner.length && !below; j++) below = shown.has(inner[j]);
      var show = hit || below;
      item.hidden = !show;
      if (show) shown.add(item);
      if (active && below) {
        var own = item.querySelector(":scope > details");
        if (own) own.open = true;
      }
    }
    var count = form.querySelector(".okr-filter-count");
    if (count) {
      var what = form.getAttribute("data-okr-what") || "";
      count.textContent = active ? matched + " of " + items.length + " " + what + " match" : "";
    }
    var empty = document.querySelector(".okr-filter-empty");
    if (empty) empty.hidden = !active || matched > 0;
    if (write) {
      var params = new URLSearchParams(window.location.search);
      Object.keys(values).forEach(function (k) {
        if (values[k]) params.set(k, values[k]);
        else params.delete(k);
      });
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      window.history.replaceState(null, "", url);
    }
  }

  function setUpFilters() {
    var form = document.querySelector("form[data-okr-filter]");
    if (!form) return;
    var params = new URLSearchParams(window.location.search);
    Object.keys(FIELDS).forEach(function (name) {
      var field = form.elements.namedItem(name);
      var value = params.get(name);
      if (field && value && field.querySelector('option[value="' + CSS.escape(value) + '"]')) {
        field.value = value;
      }
    });
    form.addEventListener("change", function () {
      apply(form, true);
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () {
        apply(form, true);
      }, 0);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    apply(form, false);
  }

  function showControls() {
    document.querySelectorAll(".okr-js-only[hidden]").forEach(function (e) {
      e.hidden = false;
    });
  }

  /* The page's data is as of a day (the build's); past the check-in rhythm since then, the
     statuses and what is due have moved: say so. */
  var DAY = 24 * 60 * 60 * 1000;

  function checkAge() {
    var stamp = document.querySelector(".okr-asof[data-okr-as-of]");
    if (!stamp) return;
    var parts = (stamp.getAttribute("data-okr-as-of") || "").split("-").map(Number);
    var rhythm = Number(stamp.getAttribute("data-okr-rhythm"));
    if (parts.length !== 3 || !isFinite(rhythm)) return;
    var asOf = Date.UTC(parts[0], parts[1] - 1, parts[2]);
    var days = Math.floor((Date.now() - asOf) / DAY);
    var banner = stamp.querySelector(".okr-banner");
    if (!banner || !(days > rhythm)) return;
    var shown = banner.querySelector(".okr-banner-days");
    if (shown) shown.textContent = String(days);
    banner.hidden = false;
  }

  var printed = [];
  window.addEventListener("beforeprint", function () {
    printed = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) {
      return !d.open;
    });
    printed.forEach(function (d) {
      d.open = true;
    });
  });
  window.addEventListener("afterprint", function () {
    printed.forEach(function (d) {
      d.open = false;
    });
    printed = [];
  });

  function start() {
    showControls();
    checkAge();
    setUpFilters();
    showTarget();
  }

  window.addEventListener("hashchange", showTarget);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
