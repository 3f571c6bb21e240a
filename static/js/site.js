/* Progressive enhancements for the public site. Everything works without this file. */
(function () {
  "use strict";
  // Open the navigation menu on wide screens, where it is a plain row of links.
  var menu = document.querySelector("[data-nav-menu]");
  if (menu) {
    var wide = window.matchMedia("(min-width: 900px)");
    var sync = function () { if (wide.matches) { menu.setAttribute("open", ""); } };
    sync();
    wide.addEventListener("change", sync);
  }
})();
