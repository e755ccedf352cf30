/*
 * Compare runs (from ?ids=a,b or ?q=QUERY, up to ?limit=N): a parallel-coordinates plot of the swept params (the
 * server names them) -> objective,
 * the params table, and the curves per metric, overlaid per run or, with ?group=PARAM, as mean ± std per group.
 * Everything comes from one GET /api/compare; the choices live in the URL so a view can be shared.
 */
'use strict';

const DEFAULT_OBJECTIVES = ['val_accuracy', 'val_loss', 'test_accuracy', 'test_loss'];
const app = document.getElementById('app');
const title = el('h1', {id: 'title'}, 'Compare runs');
const errorBox = el('div', {id: 'compare-error', class: 'error hidden'});
const notice = el('div', {id: 'compare-notice', class: 'notice hidden'});
const groupBy = el('select', {id: 'group-by', onchange: () => choose('group', groupBy.value)});
const objectiveChoice = el('select', {id: 'objective', onchange: () => choose('objective', objectiveChoice.value)});
const parallel = el('div', {id: 'parallel', class: 'parallel'});
const groupsTable = el('table', {id: 'groups', class: 'hidden'});
// unticked by the user or not, "only differences" starts ticked for more than 10 runs (a 48-run table is a wide scroll)
let onlyDiffChosen = false;
const onlyDiff = el('input', {type: 'checkbox', id: 'only-diff', onchange: () => { onlyDiffChosen = true; render(); }});
const params = el('table', {id: 'params'});
const chartsHeading = el('h2', {}, 'Metrics');
const charts = el('div', {id: 'charts', class: 'charts'});
let chartSet = new ChartSet(charts);
let data = {runs: [], missing: []};

app.append(title, errorBox, notice,
  el('div', {class: 'toolbar'}, el('label', {}, 'objective ', objectiveChoice),
    el('label', {}, 'group by ', groupBy)),
  el('h2', {}, 'Params \u2192 objective'), parallel, groupsTable,
  el('h2', {}, 'Params'), el('label', {}, onlyDiff, ' only differences'),
  el('div', {class: 'table-scroll'}, params),
  chartsHeading, charts);

/** Puts a choice into the URL (so the view can be shared) and redraws. */
function choose(name, value) {
  const q = new URLSearchParams(location.search);
  if (value) q.set(name, value); else q.delete(name);
  history.replaceState(null, '', location.pathname + '?' + q);
  if (name === 'group') {
    lastResponse = null;
    charts.replaceChildren();
    chartSet = new ChartSet(charts);
    load();
  } else {
    render();
  }
}

function request() {
  const q = new URLSearchParams();
  for (const name of ['ids', 'q', 'sort', 'limit', 'group']) {
    if (param(name) !== null) q.set(name, param(name));
  }
  if (param('ids') === null && param('q') === null) q.set('q', '');
  return '/api/compare?' + q;
}

let lastResponse = null;

async function load() {
  try {
    const fresh = await api(request());
    errorBox.classList.add('hidden');
    // polled every 2 s: redraw only when something changed, so a hovered line or an open menu stays put
    const text = JSON.stringify(fresh);
    if (text === lastResponse) return;
    lastResponse = text;
    data = fresh;
  } catch (e) {
    fill(errorBox, e.message);
    errorBox.classList.remove('hidden');
    return;
  }
  const more = data.total > data.runs.length + data.missing.length;
  fill(title, 'Compare ' + data.runs.length + ' runs' + (more ? ' of ' + data.total : ''));
  const notes = [];
  if (data.missing.length) notes.push('Not in the store (deleted?): ' + data.missing.join(', '));
  if (more) notes.push('Showing the first ' + data.runs.length + ' of ' + data.total + ' matching runs; add &limit=N (up to 100).');
  fill(notice, notes.join(' '));
  notice.classList.toggle('hidden', notes.length === 0);
  render();
}

/** Param names in a useful order: the usual sweep axes first, then the rest alphabetically. */
function paramNames(runs) {
  return ordered(new Set(runs.flatMap(r => Object.keys(r.params || {}))), PARAM_ORDER);
}

function differs(runs, name) {
  return new Set(runs.map(r => JSON.stringify((r.params || {})[name] ?? null))).size > 1;
}

/**
 * Runs that share every param but the seed, in first-seen order: a configuration run once per seed, which the
 * params table shows as one column with its objective as mean ± std.
 */
function configurations(runs) {
  const byKey = new Map();
  for (const r of runs) {
    const p = r.params || {};
    const key = JSON.stringify(Object.keys(p).filter(k => k !== 'seed').sort().map(k => [k, p[k]]));
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key).push(r);
  }
  return [...byKey.values()];
}

/** Mean and sample std (n - 1) of the finite values, as the server's groups and the sweep summary compute them. */
function meanStd(values) {
  const v = values.filter(x => typeof x === 'number' && isFinite(x));
  if (!v.length) return {mean: null, std: null, n: 0};
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const std = v.length < 2 ? 0 : Math.sqrt(v.reduce((a, b) => a + (b - mean) * (b - mean), 0) / (v.length - 1));
  return {mean, std, n: v.length};
}

/**
 * A column's value of a param: the one value its runs share, or every distinct one (their seeds) in
 * ascending order, whatever order the runs finished in.
 */
function columnValue(column, name) {
  const values = [...new Set(column.map(r => JSON.stringify((r.params || {})[name] ?? null)))].map(v => JSON.parse(v));
  values.sort((a, b) => typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)));
  return values.length === 1 ? numText(values[0]) : values.map(fmt).join(', ');
}

/** A column's objective: the run's value, or for runs of one configuration mean ± std over them. */
function columnObjective(column, metric) {
  if (column.length === 1) {
    const v = objectiveValue(column[0], metric);
    return v === null ? 'n/a' : numText(v);
  }
  const {mean, std, n} = meanStd(column.map(r => objectiveValue(r, metric)));
  if (!n) return 'n/a';
  return el('span', {title: mean + ' \u00b1 ' + std + ' over ' + n + ' runs'},
    fmt(mean) + ' \u00b1 ' + fmt(std) + (n < column.length ? ' (' + n + ' scored)' : ''));
}

/** The metrics runs can be ranked by (the server says which way is better), the usual ones first. */
function objectives() {
  return ordered(Object.keys(data.objectives || {}), DEFAULT_OBJECTIVES);
}

function maximized(metric) {
  return (data.objectives || {})[metric] === 'max';
}

/** A run's objective as the server ranks it: the best epoch value or the test value, null unless finished. */
function objectiveValue(run, metric) {
  return num((run.objectives || {})[metric]);
}

function options(select, values, chosen, none) {
  const wanted = [none === undefined ? null : ['', none]].concat(values.map(v => [v, v])).filter(Boolean);
  if (select.dataset.values !== JSON.stringify(wanted)) {
    fill(select, wanted.map(([v, label]) => el('option', {value: v}, label)));
    select.dataset.values = JSON.stringify(wanted);
  }
  select.value = chosen;
}

function render() {
  const runs = data.runs;
  const names = paramNames(runs);
  const varying = names.filter(n => differs(runs, n));
  const metrics = objectives();
  const metric = metrics.includes(param('objective')) ? param('objective') : (metrics[0] || '');
  options(objectiveChoice, metrics, metric);
  options(groupBy, varying, param('group') || '', '(none)');
  if (metric) {
    // the axes are the server's choice: the sweep's own axes, or the params that vary by choice (ParallelAxes)
    drawParallel(parallel, runs.map(r => r.id),
      (data.axes || []).map(n => ({name: n, values: runs.map(r => (r.params || {})[n] ?? null)})),
      {name: metric, values: runs.map(r => objectiveValue(r, metric)), maximize: maximized(metric)});
  } else {
    fill(parallel, 'No metrics yet.');
  }
  renderGroups(runs, metric);
  renderParams(runs, names, metric);
  renderCharts(runs);
  markDrawn();
}

/** The params table: a column per run, or per configuration when runs share one (their seeds). */
function renderParams(runs, names, metric) {
  if (!onlyDiffChosen) onlyDiff.checked = runs.length > 10;
  const configs = configurations(runs);
  const columns = configs.some(c => c.length > 1) ? configs : runs.map(r => [r]);
  // a difference is two columns with different values; a param only some optimizers have (adam's beta1 beside
  // sgd) is not one by its absence alone: the optimizer row tells that
  const key = (c, n) => JSON.stringify([...new Set(c.map(r => JSON.stringify((r.params || {})[n] ?? null)))].sort());
  const rows = names.map(n => ({n, differs: new Set(columns.map(c => key(c, n)).filter(k => k !== '["null"]')).size > 1}))
      .filter(row => !onlyDiff.checked || row.differs);
  fill(params,
    el('tr', {}, el('th', {}, 'param'), columns.map(c => el('th', {'data-runs': c.map(r => r.id).join(' ')},
      c.length > 1 ? c.length + ' runs: ' : null, c.map(r => [runLink(r.id), ' ', badge(r.status), ' '])))),
    metric ? el('tr', {class: 'objective-row', 'data-objective': metric},
      el('th', {}, metric + (columns.some(c => c.length > 1) ? ' (mean \u00b1 std)' : '')),
      columns.map(c => el('td', {class: 'num'}, columnObjective(c, metric)))) : null,
    rows.map(row => el('tr', {class: row.differs ? 'differs' : null, 'data-param': row.n},
      el('th', {}, row.n), columns.map(c => el('td', {class: 'num'}, columnValue(c, row.n))))));
}

function groupLabel(g) {
  return Object.entries(g.params).map(([k, v]) => k + '=' + fmt(v)).join(' ');
}

/** With a grouping: each group's runs and its objective as mean ± std over them (the server's figures). */
function renderGroups(runs, metric) {
  groupsTable.classList.toggle('hidden', !data.groups);
  if (!data.groups) return;
  fill(groupsTable,
    el('tr', {}, el('th', {}, 'group'), el('th', {}, 'runs'), el('th', {}, metric + ' mean \u00b1 std')),
    data.groups.map(g => {
      const [mean, std, n] = (g.objectives || {})[metric] || [null, null, 0];
      return el('tr', {'data-group': groupLabel(g)}, el('td', {}, groupLabel(g)), el('td', {class: 'num'}, g.runs.length),
        el('td', {class: 'num', title: n ? mean + ' \u00b1 ' + std : null},
          n ? fmt(mean) + ' \u00b1 ' + fmt(std) + (n < g.runs.length ? ' (' + n + ' scored)' : '') : 'n/a'));
    }));
}

function renderCharts(runs) {
  const grouped = !!data.groups;
  fill(chartsHeading, grouped ? 'Metrics: mean \u00b1 std per group' : 'Metrics');
  const sources = grouped
      ? data.groups.map(g => ({label: groupLabel(g) + ' (' + g.runs.length + ')', history: g.history, band: true}))
      : runs.map(r => ({label: r.id, history: r.history}));
  const keys = ordered(new Set(sources.flatMap(s => Object.keys(s.history || {}))), METRIC_ORDER);
  for (const key of keys) {
    chartSet.update(key, sources.map(s => ({label: s.label, points: (s.history || {})[key] || [], band: s.band})));
  }
}

// the parallel plot fills the page's width: draw it again when that changes (a window resized, a scroll bar
// appearing once the page grows); drawing never changes the container's own width, so this cannot loop
let drawnWidth = null;
new ResizeObserver(() => {
  if (parallel.clientWidth !== drawnWidth && data.runs.length) {
    drawnWidth = parallel.clientWidth;
    render();
  }
}).observe(parallel);

live(load);
