/**
 * The fixed parts of report.html: the script that draws the loss plot with uPlot in the browser, and the page's CSS
 * (screen and print: on paper every section starts a page, the interactive plot and its button give way to the
 * static image, and the samples stay side by side).
 */

// Runs in the browser: reads the JSON block and draws the three series with uPlot; a button switches the y axis
// between linear and log; a dashed red line marks where training stopped early. Nothing here depends on the data's text.
export const PLOT_SCRIPT = `(function () {
  var el = document.getElementById('loss-plot');
  if (!el || typeof uPlot === 'undefined') return;
  var data = JSON.parse(document.getElementById('rnnlab-data').textContent);
  var col = function (key) { return data.log.map(function (r) { return r[key] === undefined ? null : r[key]; }); };
  var columns = [col('iter'), col('loss'), col('smoothLoss'), col('valLoss')];
  var hasVal = columns[3].some(function (v) { return v !== null; });
  var stop = data.stoppedEarly;
  var fmt = function (u, v) { return v === null || v === undefined ? '-' : v.toFixed(4); };
  var log = false, plot = null;
  var draw = function () {
    if (plot) plot.destroy();
    var series = [
      { label: 'iteration' },
      { label: 'loss per iteration', stroke: 'rgba(31, 119, 180, 0.45)', width: 1, value: fmt },
      { label: 'smooth loss', stroke: '#0b3d91', width: 3, value: fmt }
    ];
    series.push(hasVal ? { label: 'validation loss', stroke: '#e8710a', width: 0, points: { show: true, size: 8, fill: '#e8710a' }, value: fmt }
                       : { label: 'validation loss', show: false });
    plot = new uPlot({
      width: el.clientWidth || 900, height: 460, series: series,
      scales: { x: { time: false, range: function (u, min, max) { return [min, stop ? Math.max(max, stop.iteration) : max]; } }, y: log ? { distr: 3 } : {} },
      axes: [{ label: 'iteration' }, { label: data.lossLabel, size: 70 }],
      hooks: { draw: [function (u) {
        if (!stop) return;
        var x = u.valToPos(stop.iteration, 'x', true), ctx = u.ctx;
        ctx.save(); ctx.strokeStyle = '#cf222e'; ctx.lineWidth = 2; ctx.setLineDash([6, 4]);
        ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke(); ctx.restore();
      }] }
    }, columns, el);
  };
  var button = document.getElementById('y-scale');
  button.hidden = false;
  button.onclick = function () { log = !log; button.textContent = log ? 'linear y axis' : 'log y axis'; draw(); };
  window.addEventListener('resize', function () { if (plot) plot.setSize({ width: el.clientWidth, height: 460 }); });
  draw();
})();`;

export const CSS = `
:root { --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --soft: #f6f8fa; }
body { margin: 0; color: var(--fg); background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 32px 24px 48px; }
h1 { font-size: 1.9rem; margin: 0; }
h2 { font-size: 1.3rem; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
.subtitle, .caption, .note, footer { color: var(--muted); }
.subtitle { margin: 2px 0 0; }
.caption { font-size: 0.9rem; margin: 6px 0 0; }
.alert { margin: 20px 0 0; padding: 10px 14px; border-left: 4px solid #cf222e; background: #ffebe9; border-radius: 4px; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 7px 10px; border-bottom: 1px solid var(--border); text-align: left; vertical-align: top; }
.summary th { width: 30%; color: var(--muted); font-weight: 600; }
.summary td { overflow-wrap: anywhere; font-variant-numeric: tabular-nums; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.85rem; }
.summary code { background: var(--soft); padding: 1px 4px; border-radius: 4px; }
#loss-plot { width: 100%; }
.samples { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 14px; }
.sample { margin: 0; border: 1px solid var(--border); border-radius: 6px; padding: 10px; }
.sample figcaption { margin-bottom: 6px; }
.sample .settings, .muted { color: var(--muted); font-size: 0.9rem; }
.sample pre, pre.passage, pre.equations, pre.answer-code { margin: 0; padding: 10px 12px; background: var(--soft); border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.45; }
pre.equations { white-space: pre; overflow-x: auto; }
h3 { font-size: 1.05rem; margin: 22px 0 8px; }
.layers td, .gradcheck td, .gradcheck-summary td { font-variant-numeric: tabular-nums; }
.gradcheck { font-size: 0.85rem; }
.fail { color: #cf222e; }
.pass { margin: 12px 0; padding: 10px 14px; border-left: 4px solid #1a7f37; background: #dafbe1; border-radius: 4px; }
.diagram { margin: 0; overflow-x: auto; }
.diagram svg { max-width: 100%; height: auto; }
.static-plot { display: none; margin: 0; }
.static-plot svg { max-width: 100%; height: auto; }
.answer .prompt { color: var(--muted); font-style: italic; }
.unanswered { color: #9a6700; }
blockquote { margin: 0; padding-left: 12px; border-left: 3px solid var(--border); color: var(--muted); }
footer { margin-top: 40px; font-size: 0.85rem; }
@page { size: A4; margin: 15mm 14mm 16mm; }
@media print {
  main { max-width: none; padding: 0; }
  section.page { break-before: page; }
  h2, h3 { break-after: avoid; }
  tr, .sample, figure, .answer h3, .gradcheck-summary { break-inside: avoid; }
  #loss-plot, #y-scale, noscript { display: none !important; }
  .static-plot { display: block; }
  .samples { grid-template-columns: repeat(4, 1fr); gap: 8px; }
  .sample pre, pre.passage { font-size: 0.72rem; }
  pre.equations { white-space: pre-wrap; font-size: 0.72rem; overflow-x: visible; }
  .gradcheck td, .gradcheck th { white-space: nowrap; padding: 4px 6px; }
  a { color: inherit; }
}
`;
