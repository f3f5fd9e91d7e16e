// Draws the dashboard's charts from the Vega-Lite specs the page carries (json_script).
// Vega's expression interpreter (ast: true) keeps the page within the CSP: no eval.
(function () {
  // Draws every chart not drawn yet: all of them on load, the map again when its filters
  // swap in a new one (htmx).
  function draw() {
    if (typeof window.vegaEmbed !== "function") { return; }
    var waiting = "[data-chart]:not([data-drawn]):not([data-drawing])";
    document.querySelectorAll(waiting).forEach(function (el) {
      var source = document.getElementById("spec-" + el.dataset.chart);
      if (!source) { return; }
      var spec = JSON.parse(source.textContent);
      el.dataset.drawing = "true";
      window.vegaEmbed(el, spec, { ast: true, actions: false, renderer: "svg" })
        .then(function () { el.dataset.drawn = "true"; })
        .catch(function (err) { el.dataset.drawn = "error"; console.error(err); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else { draw(); }
  document.addEventListener("htmx:afterSettle", draw);
})();
