/* Filters that apply as soon as they change (progressive enhancement of a plain GET form; without this file the
   form's submit buttons still work).

   Markup (templates/catalogue/*_index_page.html):
   - form[data-live-filters]: the filter form. With data-live-filters="navigate" a change loads the page (used
     where the page holds a map that this script does not redraw); otherwise the page is fetched and parts of it
     are swapped in place:
   - [data-live-region="name"]: replaced by the same region of the new page (facets with their counts and disabled
     options, results, chips, pagination). Focus stays on the control the visitor used (found again by name and
     value, or id).
   - [data-live-status]: its text replaced (an aria-live status: "12 sản phẩm" is announced).
   - [data-live-sync]: controls outside the regions (search box, sort) set from the new page on back/forward.
   A change waits DEBOUNCE_MS for further changes; the address bar follows (history.pushState), so a filtered
   listing can be bookmarked and Back works. Any failure falls back to submitting the form. */
(function () {
  "use strict";

  var DEBOUNCE_MS = 350;
  var FOCUS_KEY = "kc-live-filter-focus";

  function queryOf(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (value !== "") params.append(name, value);
    });
    var text = params.toString();
    return form.getAttribute("action").split("?")[0] + (text ? "?" + text : "");
  }

  function describe(el) {
    if (!el || !el.form && !el.id) return null;
    return { id: el.id || "", name: el.name || "", value: el.value || "", type: el.type || "" };
  }

  function find(root, wanted) {
    if (!wanted) return null;
    if (wanted.name && (wanted.type === "checkbox" || wanted.type === "radio")) {
      var boxes = root.querySelectorAll("input[name]");
      for (var i = 0; i < boxes.length; i++) {
        if (boxes[i].name === wanted.name && boxes[i].value === wanted.value) return boxes[i];
      }
    }
    if (wanted.id) return root.querySelector("#" + CSS.escape(wanted.id));
    if (wanted.name) return root.querySelector("[name='" + CSS.escape(wanted.name) + "']");
    return null;
  }

  function navigateMode(form) {
    // The page reloads: remember the control used, to give it focus again once the new page is there.
    var timer = null;
    form.addEventListener("change", function (event) {
      if (event.target.type === "search" || event.target.type === "text") return;
      var wanted = describe(event.target);
      clearTimeout(timer);
      timer = setTimeout(function () {
        try { sessionStorage.setItem(FOCUS_KEY, JSON.stringify(wanted)); } catch (e) { /* private mode */ }
        window.location.assign(queryOf(form)); // like submitting, without the empty choices
      }, DEBOUNCE_MS);
    });
    var stored = null;
    try { stored = JSON.parse(sessionStorage.getItem(FOCUS_KEY) || "null"); sessionStorage.removeItem(FOCUS_KEY); } catch (e) { stored = null; }
    var target = find(form, stored);
    if (target) target.focus({ preventScroll: false });
  }

  function liveMode(form) {
    var timer = null;
    var controller = null;
    var status = document.querySelector("[data-live-status]");

    function swap(doc) {
      var active = document.activeElement;
      var wanted = null;
      document.querySelectorAll("[data-live-region]").forEach(function (region) {
        var name = region.getAttribute("data-live-region");
        var fresh = doc.querySelector('[data-live-region="' + name + '"]');
        if (!fresh) return;
        if (region.contains(active)) wanted = describe(active);
        region.innerHTML = fresh.innerHTML;
        region.removeAttribute("aria-busy");
      });
      if (wanted) {
        var target = find(form, wanted);
        if (target) target.focus({ preventScroll: true });
      }
      var freshStatus = doc.querySelector("[data-live-status]");
      if (status && freshStatus && status.textContent !== freshStatus.textContent) {
        status.textContent = freshStatus.textContent;
      }
      var title = doc.querySelector("title");
      if (title) document.title = title.textContent;
    }

    function sync(doc) {
      form.querySelectorAll("[data-live-sync]").forEach(function (el) {
        var fresh = el.id ? doc.getElementById(el.id) : null;
        if (fresh && el !== document.activeElement) el.value = fresh.value;
      });
    }

    function load(url, push, syncControls) {
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      document.querySelectorAll('[data-live-region="results"]').forEach(function (r) { r.setAttribute("aria-busy", "true"); });
      return fetch(url, {
        headers: { Accept: "text/html" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined
      })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.text();
        })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          if (push && url !== window.location.pathname + window.location.search) {
            window.history.pushState({ liveFilters: true }, "", url);
          }
          swap(doc);
          if (syncControls) sync(doc);
        });
    }

    function apply() {
      var url = queryOf(form);
      load(url, true, false).catch(function (error) {
        if (error && error.name === "AbortError") return;
        window.location.assign(url);
      });
    }

    form.addEventListener("change", function (event) {
      var type = event.target.type;
      if (type === "search" || type === "text") return; // the search box applies on Enter or its button
      clearTimeout(timer);
      timer = setTimeout(apply, DEBOUNCE_MS);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      apply();
    });
    window.addEventListener("popstate", function () {
      var url = window.location.pathname + window.location.search;
      load(url, false, true).catch(function () { window.location.reload(); });
    });
  }

  function init() {
    if (!window.fetch || !window.DOMParser || !window.URLSearchParams || !window.FormData) return;
    document.querySelectorAll("form[data-live-filters]").forEach(function (form) {
      if (form.getAttribute("data-live-filters") === "navigate") navigateMode(form);
      else liveMode(form);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
