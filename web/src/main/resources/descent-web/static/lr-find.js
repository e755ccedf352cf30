/*
 * On the page of a run tagged lr-find (descent lr-find): the range test's smoothed and raw batch loss against the
 * learning rate on a log axis, with the suggested rate marked, above the run page's per-step charts.
 */
'use strict';

(function lrFind() {
  const runId = lastPathSegment();
  const runBase = '/api/runs/' + encodeURIComponent(runId);

  async function draw() {
    const run = await api(runBase);
    if (!(run.tags || []).includes('lr-find')) return;
    const h = await api(runBase + '/metrics?keys=lr,batch_loss,smoothed_loss,suggested_lr');
    const lrs = (h.lr || []).map(p => p[1]);
    if (lrs.length < 2) return;
    const byStep = key => new Map((h[key] || []).map(p => [p[0], p[1]]));
    const raw = byStep('batch_loss');
    const smooth = byStep('smoothed_loss');
    const steps = (h.lr || []).map(p => p[0]);
    const suggested = (h.suggested_lr || [])[0];
    const plot = el('div', {id: 'lr-find-chart'});
    // the note says the suggestion, its rule and why the test stopped, as descent lr-find printed them
    const caption = el('p', {id: 'lr-find-suggestion'}, (run.note || '').replace(/^lr-find: /, '')
      || (suggested ? 'suggested learning rate ' + fmt(suggested[1]) : 'no suggestion'));
    const section = el('section', {id: 'lr-find'}, el('h2', {}, 'Loss against learning rate'), caption, plot);
    const charts = document.getElementById('charts');
    (charts.previousElementSibling || charts).before(section); // above the 'Metrics' heading of the per-step charts
    const mark = suggested ? suggested[1] : null;
    // the y scale ends a little above the highest smoothed loss before its minimum: the blow-up after it would
    // flatten the part worth reading
    const smoothed = steps.map(s => smooth.get(s) ?? null);
    const rawLoss = steps.map(s => raw.get(s) ?? null);
    let lowest = Infinity, before = -Infinity, highest = -Infinity;
    for (const v of smoothed) {
      if (v === null) continue;
      highest = Math.max(highest, v);
      if (v < lowest) { lowest = v; before = highest; }
    }
    const floor = Math.min(lowest, ...rawLoss.filter(v => v !== null));
    const yRange = [floor - 0.05 * (before - floor), before + 0.25 * (before - floor)];
    const markLine = u => {
      if (mark === null) return;
      const x = u.valToPos(mark, 'x', true);
      const ctx = u.ctx;
      ctx.save();
      ctx.strokeStyle = '#d62728';
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
      ctx.restore();
    };
    // eslint-disable-next-line no-undef
    plot.lrFindPlot = new uPlot({
      width: Math.min(900, document.getElementById('app').clientWidth || 900), height: 320,
      scales: {x: {time: false, distr: 3}, y: {range: () => yRange}},
      axes: [{label: 'learning rate (log scale)', values: (u, vals) => vals.map(v => fmt(v))}, {label: 'loss'}],
      series: [{label: 'lr', value: (u, v) => fmt(v)},
        {label: 'smoothed loss', stroke: '#1f77b4', width: 2, value: (u, v) => fmt(v)},
        {label: 'batch loss', stroke: translucent('#7f7f7f', 0.6), width: 1, value: (u, v) => fmt(v)}],
      hooks: {draw: [markLine]},
    }, [lrs, smoothed, rawLoss], plot);
    plot.dataset.points = String(lrs.length);
    if (mark !== null) plot.dataset.suggested = String(mark);
  }

  window.addEventListener('load', () => draw().catch(e => console.warn(e)));
})();
