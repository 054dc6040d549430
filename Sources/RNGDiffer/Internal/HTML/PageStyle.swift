/// The page's only style sheet and script, inlined into every page.
///
/// Colours are the Okabe–Ito palette (distinct under the common colour
/// blindnesses): run a blue (#0072B2, dark in greyscale), run b orange
/// (#E69F00, light in greyscale). Nothing is told by colour alone: a's
/// marks sit above a lane's centre line and b's below it, a's curves are
/// solid with round points and b's dashed with square points, effects are
/// hatched, and every chart is labelled in words.
///
/// The script holds no `<` or `&` (the page must stay well-formed XML);
/// it adds the `j`/`k` keys and opens every `<details>` before printing.
enum PageStyle {
  static let css = """
    :root { --a: #0072B2; --b: #E69F00; --ink: #1a1a1a; --muted: #555; --line: #ccc; --fx: #F0E442; }
    * { box-sizing: border-box; }
    html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink);
      margin: 0 auto; max-width: 1240px; padding: 0 20px 40px; background: #fff; }
    h1 { font-size: 1.35em; margin: 0.8em 0 0.3em; word-break: break-all; }
    h2 { font-size: 1.2em; border-bottom: 2px solid var(--ink); padding-bottom: 2px; margin-top: 1.6em; }
    h3 { font-size: 1.05em; margin: 0 0 0.4em; }
    h4 { font-size: 0.95em; margin: 0.9em 0 0.3em; }
    code, .src, .digest, td, th { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.86em; }
    a { color: #00527f; }
    a:focus-visible, [tabindex]:focus-visible, summary:focus-visible { outline: 3px solid var(--ink); outline-offset: 2px; }
    .skip { position: absolute; left: -9999px; }
    .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; }
    .verdict { font-size: 1.05em; padding: 10px 14px; border: 2px solid var(--ink); border-radius: 4px; margin: 0.6em 0; }
    .verdict.different { border-left: 10px solid var(--ink); }
    .verdict-word { font-weight: 700; }
    .notes { color: var(--muted); margin: 0.3em 0; }
    table { border-collapse: collapse; margin: 0.3em 0 0.6em; }
    th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
    thead th { border-bottom: 2px solid var(--ink); font-family: inherit; }
    td.num { text-align: right; white-space: nowrap; }
    .scroll { overflow-x: auto; }
    .runs tr.side-a th { border-left: 6px solid var(--a); }
    .runs tr.side-b th { border-left: 6px dashed var(--b); }
    th.side-a { border-top: 5px solid var(--a); }
    th.side-b { border-top: 5px dashed var(--b); }
    .side-a { color: #00527f; font-weight: 600; }
    .side-b { color: #8a5a00; font-weight: 600; }
    td.differs { font-weight: 700; background: #fff6cc; }
    td.differs::before { content: "≠ "; color: var(--muted); }
    .flag { font-weight: 700; }
    nav.contents { border: 1px solid var(--line); padding: 4px 12px; margin: 1em 0; }
    nav.contents ol { margin: 0.2em 0; padding-left: 1.4em; }
    .diagnosis { border: 1px solid var(--line); border-left: 6px solid var(--ink); padding: 10px 14px; margin: 1em 0; border-radius: 3px; }
    .diagnosis:target, .diagnosis:focus { box-shadow: 0 0 0 3px #999; }
    .badge { display: inline-block; min-width: 2.2em; text-align: center; background: var(--ink); color: #fff; border-radius: 3px; padding: 0 4px; }
    .kind { font-weight: 700; }
    .place { color: var(--muted); font-weight: 400; }
    .explanation { margin: 0.3em 0 0.6em; }
    .facts { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; }
    .facts dt { font-weight: 600; }
    .facts dd { margin: 0; }
    .fix { border-top: 1px dashed var(--line); padding-top: 6px; margin-bottom: 0.2em; }
    nav.step { font-size: 0.9em; display: flex; gap: 1.2em; }
    ul.plain { margin: 0; padding-left: 1.2em; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.86em; }
    .note { color: var(--muted); font-size: 0.9em; }
    pre.script-lines { margin: 4px 0 0; padding: 3px 6px; background: #f6f6f6; border: 1px solid var(--line); white-space: pre-wrap; font-weight: 400; }
    pre.script-lines .ln { display: inline-block; min-width: 2.5em; color: var(--muted); text-align: right; user-select: none; }
    pre.script-lines .hit { font-weight: 700; background: #fff6cc; }
    figure { margin: 0.6em 0; }
    svg.chart { width: 100%; height: auto; display: block; font: 11px system-ui, sans-serif; }
    svg.chart text { fill: var(--ink); }
    .lane-bg { fill: #f6f6f6; }
    .lane.other .lane-bg { fill: #fbfbfb; }
    .lane-label { font-weight: 600; }
    .lane-count, .side-tag { fill: var(--muted) !important; font-size: 10px; }
    .marks-a { fill: var(--a); }
    .marks-b { fill: var(--b); }
    .centre { stroke: var(--ink); stroke-width: 0.6; }
    .effects { fill: url(#hatch); }
    .hatch-bg { fill: var(--fx); fill-opacity: 0.45; }
    .hatch-line { stroke: #333; stroke-width: 1.6; }
    .divergence-line { stroke: #000; stroke-width: 1.6; stroke-dasharray: 5 3; fill: none; }
    .divergence-label { font-weight: 700; }
    .cause-mark path { fill: #000; stroke: #fff; stroke-width: 0.8; }
    .cause-mark text { font-weight: 700; font-size: 10px; }
    .cause-mark:focus path { fill: #555; }
    .axis path { stroke: var(--muted); fill: none; }
    .axis .grid { stroke: #e4e4e4; }
    .epochs path { stroke: var(--muted); }
    .epochs text { fill: var(--muted) !important; font-size: 10px; }
    .legend { list-style: none; padding: 0; margin: 0.3em 0; display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 0.9em; }
    .legend svg { vertical-align: middle; }
    .swatch-a { fill: var(--a); } .swatch-b { fill: var(--b); } .swatch-cause { fill: #000; } .swatch-fx { stroke: #333; }
    .metrics { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 12px 24px; }
    .curve-a { fill: none; stroke: var(--a); stroke-width: 2; }
    .curve-b { fill: none; stroke: var(--b); stroke-width: 2; stroke-dasharray: 7 4; }
    .points-a { fill: var(--a); }
    .points-b { fill: #fff; stroke: #8a5a00; stroke-width: 1.4; }
    .key-a { color: #00527f; font-weight: 600; } .key-b { color: #8a5a00; font-weight: 600; }
    figcaption { font-size: 0.9em; }
    footer { margin-top: 2em; color: var(--muted); font-size: 0.85em; border-top: 1px solid var(--line); padding-top: 6px; }
    @media print {
      body { max-width: none; padding: 0; font-size: 10pt; }
      .skip, nav.contents, nav.step, footer { display: none; }
      .diagnosis, figure, tr { break-inside: avoid; }
      h2 { break-after: avoid; }
      a { color: inherit; text-decoration: none; }
      .scroll { overflow: visible; }
      .metrics { grid-template-columns: 1fr 1fr; }
    }
    """

  static let script = """
    (function () {
      var items = Array.prototype.slice.call(document.querySelectorAll('.diagnosis, .diagnosis-row'));
      document.addEventListener('keydown', function (e) {
        if (e.altKey || e.ctrlKey || e.metaKey || items.length === 0) { return; }
        if (['j', 'k'].indexOf(e.key) === -1) { return; }
        var t = e.target;
        if (t ? /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) : false) { return; }
        var current = items.indexOf(document.activeElement);
        var next = e.key === 'j' ? current + 1 : (current === -1 ? 0 : current - 1);
        next = Math.min(Math.max(next, 0), items.length - 1);
        items[next].focus();
        items[next].scrollIntoView({ block: 'start' });
        if (history.replaceState) { history.replaceState(null, '', '#' + items[next].id); }
        e.preventDefault();
      });
      window.addEventListener('beforeprint', function () {
        Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) { d.open = true; });
      });
    })();
    """
}
