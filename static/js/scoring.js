/* The scoring form's live total: DISPLAY ONLY. The server (registry/competitions/scoring.py: parse_score,
   score_fits, values_total, format_number) decides; these functions mirror it, and tests/test_scoring_input.py
   runs both on the same table of cases ("32,5", "32.5", "40.00", "0,5", "", "abc", over the maximum, negative,
   "0.25").
   - A score is blank (not scored yet) or a number typed with a decimal comma or point.
   - It must be a multiple of 0,5 from 0 to the criterion's maximum.
   - The live total adds the valid scores; it is complete only when every score is valid and present.
   An invalid field is marked (aria-invalid="true", the message beside it) and left out of the total. */
(function (root) {
  "use strict";

  var NUMBER = /^-?[0-9]+(?:[.,][0-9]+)?$/;

  /* {value: number|null, error: null|"number"|"rule"} for the text typed in a field whose maximum is max. */
  function parseScore(text, max) {
    var s = String(text == null ? "" : text).trim();
    if (s === "") return { value: null, error: null };
    if (!NUMBER.test(s)) return { value: null, error: "number" };
    var normal = s.replace(",", ".");
    var value = Number(normal);
    var dot = normal.indexOf(".");
    /* the step is checked on the digits (exact, like Python's Decimal), not on a binary float */
    var fraction = dot < 0 ? "" : normal.slice(dot + 1).replace(/0+$/, "");
    var onStep = fraction === "" || fraction === "5";
    if (!onStep || !(value >= 0) || value > Number(max)) return { value: null, error: "rule" };
    return { value: value, error: null };
  }

  /* {total: number|null (all valid and present), partial: number (sum of the valid ones), complete: bool,
     invalid: count of invalid fields, missing: count of blank fields} for [[text, max], …]. */
  function sheetTotal(fields) {
    var partial = 0, invalid = 0, missing = 0;
    fields.forEach(function (field) {
      var parsed = parseScore(field[0], field[1]);
      if (parsed.error) invalid += 1;
      else if (parsed.value === null) missing += 1;
      else partial += parsed.value;
    });
    var complete = fields.length > 0 && invalid === 0 && missing === 0;
    return { total: complete ? partial : null, partial: partial, complete: complete, invalid: invalid, missing: missing };
  }

  /* 32.5 → "32,5", 40 → "40", null → "" (scores are multiples of 0,5: one decimal at most). */
  function formatNumber(value) {
    if (value === null || value === undefined) return "";
    return String(Math.round(value * 10) / 10).replace(".", ",");
  }

  var api = { parseScore: parseScore, sheetTotal: sheetTotal, formatNumber: formatNumber };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  root.KCScoring = api;

  if (typeof document === "undefined") return;

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  document.querySelectorAll("form[data-scoring]").forEach(function (form) {
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input[data-score]"));
    var out = form.querySelector("[data-total]");
    var note = form.querySelector("[data-total-note]");
    var box = form.querySelector(".jury-total");

    function mark(input) {
      var parsed = parseScore(input.value, input.dataset.max);
      var message = parsed.error === "number" ? input.dataset.numberMessage : parsed.error === "rule" ? input.dataset.ruleMessage : "";
      var holder = document.getElementById(input.id + "_error");
      if (parsed.error) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
      if (holder) {
        holder.textContent = message;
        holder.hidden = !message;
      }
    }

    function recompute() {
      var result = sheetTotal(inputs.map(function (input) { return [input.value, input.dataset.max]; }));
      if (out) out.textContent = result.complete ? formatNumber(result.total) : (result.partial > 0 || result.missing < inputs.length ? formatNumber(result.partial) : "–");
      if (note) {
        var text = "";
        if (result.invalid) text = fill(form.dataset.invalidNote, { n: result.invalid });
        else if (result.missing && result.missing < inputs.length) text = fill(form.dataset.missingNote, { n: result.missing });
        note.textContent = text;
        note.hidden = !text;
      }
      if (box) {
        box.classList.toggle("jury-total--incomplete", !result.complete);
        box.classList.toggle("jury-total--invalid", result.invalid > 0);
      }
    }

    inputs.forEach(function (input) {
      input.addEventListener("input", function () { mark(input); recompute(); });
      if (input.value) mark(input);
    });
    var recalc = form.querySelector("[data-recalc]");
    if (recalc) recalc.hidden = true;
    var submit = form.querySelector("[data-submit]");
    if (submit) {
      submit.addEventListener("click", function (event) {
        var confirmBox = form.querySelector("input[name=confirm]");
        if (confirmBox && !confirmBox.checked) return; /* the server answers with the message */
        if (!window.confirm(submit.dataset.confirm)) event.preventDefault();
      });
    }
    recompute();
  });
})(typeof window !== "undefined" ? window : globalThis);
