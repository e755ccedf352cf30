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

/**
 * One heatmap cell as the sweep summary of descent run prints it: the cell's runs grouped by their other
 * settings (every param but the seed), each setting's objective averaged over its seeds, and the best setting.
 */
function bestSetting(runs, maximize) {
  const bySetting = new Map();
  for (const r of runs) {
    const {seed, ...rest} = r.params || {};
    const k = JSON.stringify(Object.entries(rest).sort());
    if (!bySetting.has(k)) bySetting.set(k, []);
    bySetting.get(k).push(r);
  }
  let best = null;
  for (const group of bySetting.values()) {
    const values = group.map(r => num(r.objective)).filter(v => v !== null);
    if (!values.length) continue;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    if (!best || (maximize ? mean > best.mean : mean < best.mean)) best = {mean, runs: group};
  }
  if (best) best.settings = bySetting.size;
  return best;
}

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
  const opts = [...new Set(s.runs.map(r => String(r.params.optimizer)))].sort();
  const lrs = [...new Set(s.runs.map(r => key(r.params.learning_rate)))].sort((a, b) => a - b);
  const cells = new Map();
  for (const r of s.runs) {
    const k = String(r.params.optimizer) + '\u0000' + key(r.params.learning_rate);
    if (!cells.has(k)) cells.set(k, []);
    cells.get(k).push(r);
  }
  const summary = new Map();
  for (const [k, rs] of cells) {
    const best = bestSetting(rs, maximize);
    summary.set(k, {runs: best ? best.runs : rs, all: rs, mean: best ? best.mean : null, settings: best ? best.settings : 0,
      diverged: rs.some(r => r.status === 'diverged')});
  }
  const means = [...summary.values()].map(c => c.mean).filter(v => v !== null);
  const lo = Math.min(...means), hi = Math.max(...means);
  const ranked = [...summary.entries()].filter(([, c]) => c.mean !== null)
      .sort((a, b) => maximize ? b[1].mean - a[1].mean : a[1].mean - b[1].mean);
  const top = new Set(ranked.slice(0, 3).map(([k]) => k));
  fill(heatmap,
    el('tr', {}, el('th', {}, 'optimizer \\ lr'), lrs.map(lr => el('th', {}, fmt(lr)))),
    opts.map(o => el('tr', {}, el('th', {}, o), lrs.map(lr => {
      const k = o + '\u0000' + lr;
      const c = summary.get(k);
      if (!c) return el('td', {class: 'empty'}, '');
      const statuses = [...new Set(c.all.map(r => r.status))].join(', ');
      const seeds = c.runs.length > 1 ? ' over ' + c.runs.length + ' seeds' : '';
      const td = el('td', {class: (c.diverged ? 'diverged ' : '') + (top.has(k) ? 'best' : ''),
        title: statuses + ' \u00b7 best of ' + (c.settings || 1) + ' settings' + seeds + ': '
          + c.runs.map(r => r.id).join(' '), 'data-optimizer': o, 'data-lr': lr},
        c.mean !== null ? fmt(c.mean) : (c.diverged ? 'diverged' : statuses),
        el('small', {}, c.all.length > 1 ? c.all.length + ' runs' : statuses));
      if (c.mean !== null && !c.diverged) {
        const t = hi > lo ? (c.mean - lo) / (hi - lo) : 1;
        const goodness = maximize ? t : 1 - t;
        td.style.backgroundColor = goodnessColor(goodness);
      }
      return td;
    }))));
  fill(best, ranked.slice(0, 5).map(([k, c]) => el('li', {},
    k.replace('\u0000', ' lr=') + ': ' + fmt(c.mean) + ' ', c.runs.map(r => [runLink(r.id), ' ']))));
}

live(load);
