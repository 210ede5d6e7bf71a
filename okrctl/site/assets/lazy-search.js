/* Fetch the search index only when the reader starts to search (mkdocs-material asks for it on
   every page load: megabytes on a large organisation). Loaded in <head>, before material's
   bundle: the index request is held back until the search field is used. */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var wanted = false;

  function release() {
    if (wanted) return;
    wanted = true;
    held.forEach(function (go) {
      go();
    });
    held = [];
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.okrctlIndex = /search\/search_index\.json(\?|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (request.okrctlIndex && !wanted) {
      held.push(function () {
        send.apply(request, args);
      });
      return undefined;
    }
    return send.apply(request, args);
  };

  function isSearch(target) {
    return (
      target &&
      target.closest &&
      (target.closest(".md-search") || target.closest("label[for=__search]"))
    );
  }
  document.addEventListener("focusin", function (event) {
    if (isSearch(event.target)) release();
  }, true);
  document.addEventListener("pointerdown", function (event) {
    if (isSearch(event.target)) release();
  }, true);
  document.addEventListener("keydown", function (event) {
    // material opens search on "/", "s" and "f"
    if (["/", "s", "f", "S", "F"].indexOf(event.key) !== -1) release();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) release();
  }, true);
})();
