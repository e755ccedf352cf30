/*
 * Compare runs (from ?ids=a,b or ?q=QUERY, up to ?limit=N): a parallel-coordinates plot of params -> objective,
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
const onlyDiff = el('input', {type: 'checkbox', id: 'only-diff', onchange: () => render()});
const params = el('table', {id: 'params'});
const chartsHeading = el('h2', {}, 'Metrics');
const charts = el('div', {id: 'charts', class: 'charts'});
let chartSet = new ChartSet(charts);
let data = {runs: [], missing: []};

app.append(title, errorBox, notice,
  el('div', {class: 'toolbar'}, el('label', {}, 'objective ', objectiveChoice),
    el('label', {}, 'group by ', groupBy)),
  el('h2', {}, 'Params \u2192 objective'), parallel, groupsTable,
  el('h2', {}, 'Params'), el('label', {}, onlyDiff, ' only differences'), params,
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
 * Whether a param gets an axis in the parallel plot: it takes two or more values among the runs that have it.
 * A param only some optimizers have (adam's beta1) differs by presence alone, and the optimizer axis already
 * tells that; the seed is not a setting to choose.
 */
function axisWorthy(runs, name) {
  if (name === 'seed') return false;
  const values = runs.map(r => (r.params || {})[name]).filter(v => v !== null && v !== undefined);
  return new Set(values.map(v => JSON.stringify(v))).size > 1;
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
    drawParallel(parallel, runs.map(r => r.id),
      varying.filter(n => axisWorthy(runs, n)).map(n => ({name: n, values: runs.map(r => (r.params || {})[n] ?? null)})),
      {name: metric, values: runs.map(r => objectiveValue(r, metric)), maximize: maximized(metric)});
  } else {
    fill(parallel, 'No metrics yet.');
  }
  renderGroups(runs, metric);
  const rows = names.map(n => ({n, values: runs.map(r => fmt((r.params || {})[n])), differs: differs(runs, n)}))
      .filter(row => !onlyDiff.checked || row.differs);
  fill(params,
    el('tr', {}, el('th', {}, 'param'), runs.map(r => el('th', {}, runLink(r.id), ' ', badge(r.status)))),
    rows.map(row => el('tr', {class: row.differs ? 'differs' : null, 'data-param': row.n},
      el('th', {}, row.n), row.values.map(v => el('td', {class: 'num'}, v)))));
  renderCharts(runs);
  markDrawn();
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
        el('td', {class: 'num'}, n ? fmt(mean) + ' \u00b1 ' + fmt(std) + (n < g.runs.length ? ' (' + n + ' scored)' : '')
          : 'n/a'));
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

live(load);
