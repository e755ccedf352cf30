/*
 * The sweep page's search panel: for a sweep with pruned cells or a search's many learning rates, the best
 * value found so far against trials and against epochs spent, learning rate (log x) against the objective
 * coloured by optimizer, and the pruned cells with the epoch each stopped at. Drawn on plain canvases from
 * /api/sweeps/{id}: its `search` block (core's SearchTrace) is computed once, on the server, so the API and
 * the page say the same.
 */
'use strict';

(function () {
  const sweepId = lastPathSegment();
  const panel = el('section', {id: 'search-panel', class: 'hidden'});
  const byCells = el('canvas', {id: 'search-by-cells', width: 640, height: 220});
  const progress = el('canvas', {id: 'search-progress', width: 640, height: 220});
  const scatter = el('canvas', {id: 'search-scatter', width: 640, height: 260});
  const pruned = el('ul', {id: 'search-pruned'});
  const note = el('p', {id: 'search-note'});
  panel.append(el('h2', {}, 'Search'), note, byCells, progress, scatter, el('h3', {}, 'Pruned cells'), pruned);
  document.getElementById('app').append(panel);

  function frame(canvas, xs, ys, logX) {
    const ctx = canvas.getContext('2d');
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const pad = 44;
    const fx = v => logX ? Math.log10(v) : v;
    const xv = xs.map(fx).filter(Number.isFinite);
    const yv = ys.filter(Number.isFinite);
    const x0 = Math.min(...xv), x1 = Math.max(...xv), y0 = Math.min(...yv), y1 = Math.max(...yv);
    const px = v => pad + (x1 > x0 ? (fx(v) - x0) / (x1 - x0) : 0.5) * (canvas.width - 2 * pad);
    const py = v => canvas.height - pad + (y1 > y0 ? -(v - y0) / (y1 - y0) : -0.5) * (canvas.height - 2 * pad);
    ctx.strokeStyle = '#999';
    ctx.strokeRect(pad, pad / 2, canvas.width - 2 * pad, canvas.height - 1.5 * pad);
    ctx.fillStyle = '#333';
    ctx.font = '11px sans-serif';
    ctx.fillText(fmt(y1), 2, pad / 2 + 10);
    ctx.fillText(fmt(y0), 2, canvas.height - pad);
    ctx.fillText(logX ? fmt(Math.pow(10, x0)) : fmt(x0), pad, canvas.height - pad / 2 + 4);
    const right = logX ? fmt(Math.pow(10, x1)) : fmt(x1);
    ctx.fillText(right, canvas.width - pad - ctx.measureText(right).width, canvas.height - pad / 2 + 4);
    return {ctx, px, py};
  }

  function line(canvas, xs, ys, label, color) {
    const {ctx, px, py} = frame(canvas, xs, ys, false);
    ctx.strokeStyle = color;
    ctx.beginPath();
    xs.forEach((x, i) => i ? ctx.lineTo(px(x), py(ys[i])) : ctx.moveTo(px(x), py(ys[i])));
    ctx.stroke();
    ctx.fillStyle = '#333';
    ctx.fillText(label, 50, 12);
  }

  async function loadSearch() {
    const s = await api('/api/sweeps/' + encodeURIComponent(sweepId));
    const t = s.search;
    const rates = new Set(s.runs.map(r => r.params.learning_rate));
    if (t.method === 'grid' && !t.pruned.length && rates.size <= 6) return; // a plain grid: the table says it all
    panel.classList.remove('hidden');
    const kind = t.method === 'grid' ? 'grid' : t.method + ' search of ' + t.trials + ' trials';
    fill(note, s.runs.length + ' cells, ' + t.epochs_spent + ' epochs spent, ' + t.pruned.length + ' pruned; best '
      + s.objective.metric + ' ' + (t.best === null ? '-' : fmt(t.best)) + ' (' + kind + ', pruner ' + t.pruner
      + '). Charts: best so far against cells run and against epochs spent (cells in start order); learning rate'
      + ' (log) against ' + s.objective.metric + ' by optimizer.');
    const steps = t.best_so_far;
    if (steps.length) {
      line(byCells, steps.map(p => p.cells), steps.map(p => p.best), 'best ' + s.objective.metric + ' vs cells run',
        '#2e7d32');
      line(progress, steps.map(p => p.epochs_spent), steps.map(p => p.best),
        'best ' + s.objective.metric + ' vs epochs spent', '#1565c0');
    }
    const done = s.runs.filter(r => r.objective !== null && r.params.learning_rate > 0);
    const optimizers = [...new Set(s.runs.map(r => String(r.params.optimizer)))].sort();
    if (done.length) {
      const {ctx, px, py} = frame(scatter, done.map(r => r.params.learning_rate), done.map(r => r.objective), true);
      done.forEach(r => {
        ctx.fillStyle = seriesColor(optimizers.indexOf(String(r.params.optimizer)), optimizers.length);
        ctx.beginPath();
        ctx.arc(px(r.params.learning_rate), py(r.objective), 3.5, 0, 2 * Math.PI);
        ctx.fill();
      });
      optimizers.forEach((o, i) => {
        ctx.fillStyle = seriesColor(i, optimizers.length);
        ctx.fillText('\u25cf ' + o, 50 + 80 * i, 12);
      });
    }
    fill(pruned, t.pruned.map(p => el('li', {'data-epoch': p.epoch}, runLink(p.id), ' ', p.reason || '')));
  }

  live(loadSearch);
})();
