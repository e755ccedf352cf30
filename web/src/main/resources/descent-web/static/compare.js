/* Compare runs (from ?ids=a,b or ?q=QUERY): overlaid curves per metric and a params table. */
'use strict';

const MAX_RUNS = 20;
const app = document.getElementById('app');
const title = el('h1', {id: 'title'}, 'Compare runs');
const errorBox = el('div', {id: 'compare-error', class: 'error hidden'});
const onlyDiff = el('input', {type: 'checkbox', id: 'only-diff', onchange: () => render()});
const params = el('table', {id: 'params'});
const charts = el('div', {id: 'charts', class: 'charts'});
const chartSet = new ChartSet(charts);
let runs = [];

app.append(title, errorBox,
  el('h2', {}, 'Params'), el('label', {}, onlyDiff, ' only differences'), params,
  el('h2', {}, 'Metrics'), charts);

async function ids() {
  if (param('ids')) return param('ids').split(',').map(s => s.trim()).filter(Boolean).slice(0, MAX_RUNS);
  const page = await api('/api/runs?' + new URLSearchParams({q: param('q') || '', limit: MAX_RUNS}));
  return page.runs.map(r => r.id);
}

async function load() {
  try {
    const wanted = await ids();
    runs = await Promise.all(wanted.map(id => api('/api/runs/' + encodeURIComponent(id))));
    errorBox.classList.add('hidden');
  } catch (e) {
    fill(errorBox, e.message);
    errorBox.classList.remove('hidden');
    return;
  }
  fill(title, 'Compare ' + runs.length + ' runs');
  render();
}

function render() {
  const names = [...new Set(runs.flatMap(r => Object.keys(r.params || {})))].sort();
  const rows = names.map(n => {
    const values = runs.map(r => fmt((r.params || {})[n]));
    const differs = new Set(values).size > 1;
    return {n, values, differs};
  }).filter(row => !onlyDiff.checked || row.differs);
  fill(params,
    el('tr', {}, el('th', {}, 'param'), runs.map(r => el('th', {}, runLink(r.id), ' ', badge(r.status)))),
    rows.map(row => el('tr', {class: row.differs ? 'differs' : null, 'data-param': row.n},
      el('th', {}, row.n), row.values.map(v => el('td', {class: 'num'}, v)))));
  const keys = [...new Set(runs.flatMap(r => Object.keys(r.history || {})))].sort();
  for (const key of keys) {
    chartSet.update(key, runs.map(r => ({label: r.id, points: (r.history || {})[key] || []})));
  }
}

live(load);
