/* A sweep: cells by status, and optimizer x learning rate -> objective as a coloured table. */
'use strict';

const id = lastPathSegment();
const app = document.getElementById('app');
const title = el('h1', {id: 'title'}, 'Sweep ' + id);
const errorBox = el('div', {id: 'sweep-error', class: 'error hidden'});
const counts = el('div', {id: 'counts', class: 'toolbar'});
const heading = el('h2', {id: 'objective'});
const compareLink = el('a', {id: 'compare-cells'}, 'Compare the cells: parallel coordinates, curves, grouping \u2192');
const heatmap = el('table', {id: 'heatmap', class: 'heatmap'});
const best = el('ol', {id: 'best'});
app.append(title, errorBox, counts, compareLink, heading, heatmap, el('h2', {}, 'Best cells'), best);

function key(v) { return typeof v === 'number' ? v : String(v); }

async function load() {
  let s;
  try {
    s = await api('/api/sweeps/' + encodeURIComponent(id));
    errorBox.classList.add('hidden');
  } catch (e) {
    fill(errorBox, e.message);
    errorBox.classList.remove('hidden');
    return;
  }
  fill(title, 'Sweep ' + s.id + ' \u00b7 ' + s.experiment);
  fill(counts, s.total + ' cells: ', Object.entries(s.counts).map(([k, n]) => [badge(k), ' ' + n + ' ']));
  const maximize = s.objective.mode === 'max';
  compareLink.href = '/compare?' + new URLSearchParams({q: 'sweep:"' + s.id + '"', sort: 'start_time:asc',
    limit: 100, objective: s.objective.metric});
  fill(heading, s.objective.metric + ' (' + (maximize ? 'higher' : 'lower') + ' is better) by optimizer \u00d7 learning rate:'
    + ' the best setting of the other axes, mean over seeds');
  // the table is the server's (descent run's rule); the page adds each cell's statuses and run count
  const all = new Map();
  for (const r of s.runs) {
    const k = String(r.params.optimizer) + '\u0000' + key(r.table_lr); // the column it falls in (a decade in a search)
    if (!all.has(k)) all.set(k, []);
    all.get(k).push(r);
  }
  const summary = new Map(s.table.cells.map(c => [c.optimizer + '\u0000' + key(c.learning_rate), c]));
  const means = s.table.cells.map(c => c.mean).filter(v => v !== null);
  const lo = Math.min(...means), hi = Math.max(...means);
  const ranked = [...summary.entries()].filter(([, c]) => c.mean !== null)
      .sort((a, b) => maximize ? b[1].mean - a[1].mean : a[1].mean - b[1].mean);
  const top = new Set(ranked.slice(0, 3).map(([k]) => k));
  fill(heatmap,
    el('tr', {}, el('th', {}, s.table.decades ? 'optimizer \\ lr by decade' : 'optimizer \\ lr'),
      s.table.learning_rates.map(lr => el('th', {}, s.table.decades ? fmt(lr) + '+' : fmt(lr)))),
    s.table.optimizers.map(o => el('tr', {}, el('th', {}, o), s.table.learning_rates.map(lr => {
      const k = o + '\u0000' + key(lr);
      const c = summary.get(k);
      if (!c) return el('td', {class: 'empty'}, '');
      const runs = all.get(k) || [];
      const statuses = [...new Set(runs.map(r => r.status))].join(', ');
      const diverged = runs.some(r => r.status === 'diverged');
      const seeds = c.runs.length > 1 ? ' over ' + c.runs.length + ' seeds' : '';
      // shown to 4 significant digits, the full mean and std in the tooltip
      const exact = c.mean !== null ? c.mean + (c.n > 1 ? ' \u00b1 ' + c.std : '') + ' \u00b7 ' : '';
      const spread = c.mean !== null && c.n > 1 ? '\u00b1 ' + fmt(c.std) : null;
      const td = el('td', {class: (diverged ? 'diverged ' : '') + (top.has(k) ? 'best' : ''),
        title: exact + statuses + ' \u00b7 best of ' + c.settings + ' settings' + seeds + ': ' + c.runs.join(' '),
        'data-optimizer': o, 'data-lr': lr},
        el('span', {class: 'mean'}, c.mean !== null ? fmt(c.mean) : (diverged ? 'diverged' : statuses)),
        spread ? el('small', {class: 'spread'}, spread) : null,
        el('small', {class: 'count'}, runs.length > 1 ? runs.length + ' runs' : statuses));
      if (c.mean !== null && !diverged) {
        const t = hi > lo ? (c.mean - lo) / (hi - lo) : 1;
        td.style.backgroundColor = goodnessColor(maximize ? t : 1 - t);
      }
      return td;
    }))));
  fill(best, ranked.slice(0, 5).map(([k, c]) => el('li', {},
    k.replace('\u0000', ' lr=') + ': ' + fmt(c.mean) + (c.n > 1 ? ' \u00b1 ' + fmt(c.std) : '') + ' ',
    c.runs.map(id => [runLink(id), ' ']))));
}

live(load);
