/* Live total of the scoring form; a confirmation before submitting. The server recomputes the total on save. */
(function () {
  "use strict";
  document.querySelectorAll("form[data-scoring]").forEach(function (form) {
    var inputs = form.querySelectorAll("input[data-score]");
    var out = form.querySelector("[data-total]");
    function recompute() {
      var total = 0, complete = true, any = false;
      inputs.forEach(function (input) {
        var v = parseFloat(String(input.value).replace(",", "."));
        var max = parseFloat(input.dataset.max);
        if (isNaN(v)) { complete = false; return; }
        any = true;
        input.setAttribute("aria-invalid", v < 0 || v > max || (v * 2) % 1 !== 0 ? "true" : "false");
        total += v;
      });
      /* a running sum while criteria are missing ("…"), the total once every criterion has a score */
      var text = String(Math.round(total * 10) / 10).replace(".", ",");
      if (out) out.textContent = complete ? text : (any ? text + " …" : "–");
    }
    inputs.forEach(function (input) { input.addEventListener("input", recompute); });
    var recalc = form.querySelector("[data-recalc]");
    if (recalc) recalc.hidden = true;
    var submit = form.querySelector("[data-submit]");
    if (submit) {
      submit.addEventListener("click", function (event) {
        var box = form.querySelector("input[name=confirm]");
        if (box && !box.checked) return; /* the server answers with the message */
        if (!window.confirm(submit.dataset.confirm || "Nộp phiếu? Sau khi nộp sẽ không sửa được.")) event.preventDefault();
      });
    }
    recompute();
  });
})();
