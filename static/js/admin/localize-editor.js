/*
 * wagtail-localize's translation editor (React) writes two labels in English that no catalog can reach: the
 * section title "<source> to <target> translation" and the footer's "More actions". This rewrites them, once
 * rendered, with the translations core/wagtail_hooks.py puts in data-title (with %(source)s and %(target)s) and
 * data-more-actions. Does nothing on other admin pages. No framework.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var title = script.dataset.title;
  var moreActions = script.dataset.moreActions;
  var TITLE = /^\s*(.+?) to (.+?) translation\s*$/;

  function translate(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var text = node.nodeValue;
      if (moreActions && text.trim() === "More actions") {
        node.nodeValue = moreActions;
      } else if (title && TITLE.test(text)) {
        var match = TITLE.exec(text);
        node.nodeValue = title.replace("%(source)s", match[1]).replace("%(target)s", match[2]);
      }
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var editor = document.querySelector(".js-translation-editor");
    if (!editor) return;
    translate(editor);
    new MutationObserver(function () {
      translate(editor);
    }).observe(editor, { childList: true, subtree: true, characterData: true });
  });
})();
