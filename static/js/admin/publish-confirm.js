/*
 * The admin asks before publishing: a click on a "Xuất bản" button (page and snippet editors, their "Xuất bản"
 * item of the action menu, wagtail-localize's "Xuất bản bản dịch …") opens the browser's confirmation; Cancel
 * leaves the page as it was (nothing is submitted, the form keeps its edits), OK publishes.
 * Loaded on every admin page by core/wagtail_hooks.py, which puts the translated question in data-message.
 * No framework: one click listener on the document, in the capture phase, ahead of Wagtail's own controllers.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var message = (script && script.dataset.message) || "Xuất bản?";
  var PUBLISH = 'button[name="action-publish"], .js-translation-editor button[type="submit"][value="publish"]';

  document.addEventListener(
    "click",
    function (event) {
      var button = event.target instanceof Element ? event.target.closest(PUBLISH) : null;
      if (!button || button.disabled) return;
      if (button.dataset.publishConfirmed === "1") {
        delete button.dataset.publishConfirmed;
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      if (window.confirm(message)) {
        button.dataset.publishConfirmed = "1";
        button.click();
      }
    },
    true
  );
})();
