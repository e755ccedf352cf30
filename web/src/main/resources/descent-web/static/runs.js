/* The runs page: search box, sortable columns, server-side paging, status badges, select to compare. */
'use strict';

const PAGE = 50;
const state = {q: param('q') || '', sort: param('sort') || '', offset: +(param('offset') || 0)};
const selected = new Set();
const app = document.getElementById('app');
const input = el('input', {type: 'text', id: 'q', name: 'q', placeholder: 'e.g. optimizer:adam AND val_accuracy>0.85',
  'aria-label': 'query'});
input.value = state.q;
const errorBox = el('div', {id: 'search-error', class: 'error hidden', role: 'alert'});
const info = el('span', {id: 'total'});
const compareButton = el('button', {id: 'compare', type: 'button', disabled: true, onclick: () => {
  location.href = '/compare?ids=' + [...selected].map(encodeURIComponent).join(',');
}}, 'Compare selected');
/** The search itself compared: its first 20 runs in the current order (the compare page takes &limit up to 100). */
const compareSearch = el('a', {id: 'compare-search', href: '/compare'}, 'Compare the first 20');
const prev = el('button', {id: 'prev', type: 'button', onclick: () => go({offset: Math.max(0, state.offset - PAGE)})}, '\u2190 Prev');
const next = el('button', {id: 'next', type: 'button', onclick: () => go({offset: state.offset + PAGE})}, 'Next \u2192');
const table = el('table', {id: 'runs'});
const sweeps = el('div', {id: 'sweeps'});
const chooserList = el('div', {id: 'column-list'});
const chooser = el('details', {id: 'columns'}, el('summary', {}, 'Columns'), chooserList);
/** Param and metric columns the user hid, remembered in this browser. */
const hidden = new Set(JSON.parse(localStorage.getItem('descent.hiddenColumns') || '[]'));
let lastPage = null;

app.append(
  el('form', {class: 'search', onsubmit: e => { e.preventDefault(); go({q: input.value.trim(), offset: 0}); }},
    input, el('button', {type: 'submit', id: 'search'}, 'Search')),
  errorBox,
  el('div', {class: 'toolbar'}, info, prev, next, compareButton, compareSearch, chooser),
  table, sweeps);

/** Changes the view and the URL together, so every state can be bookmarked. */
function go(change) {
  Object.assign(state, change);
  const u = new URLSearchParams();
  if (state.q) u.set('q', state.q);
  if (state.sort) u.set('sort', state.sort);
  if (state.offset) u.set('offset', state.offset);
  history.pushState(null, '', '/' + (u.toString() ? '?' + u : ''));
  load();
}

window.addEventListener('popstate', () => {
  state.q = param('q') || ''; state.sort = param('sort') || ''; state.offset = +(param('offset') || 0);
  input.value = state.q;
  load();
});

async function load() {
  const u = new URLSearchParams({q: state.q, offset: state.offset, limit: PAGE});
  if (state.sort) u.set('sort', state.sort);
  let page;
  try {
    page = await api('/api/runs?' + u);
  } catch (e) {
    if (e.status === 400) {
      fill(errorBox, e.message);
      errorBox.classList.remove('hidden');
      return;
    }
    throw e;
  }
  errorBox.classList.add('hidden');
  render(page);
}

function toggleColumn(name, shown) {
  shown ? hidden.delete(name) : hidden.add(name);
  localStorage.setItem('descent.hiddenColumns', JSON.stringify([...hidden]));
  render(lastPage);
}

function render(page) {
  lastPage = page;
  const runs = page.runs;
  const params = ordered(new Set(runs.flatMap(r => Object.keys(r.params || {}))), PARAM_ORDER);
  const keyParams = params.filter(p => PARAM_ORDER.includes(p));
  const otherParams = params.filter(p => !PARAM_ORDER.includes(p));
  const metrics = ordered(new Set(runs.flatMap(r => Object.keys(r.metrics || {}))), METRIC_ORDER);
  const tests = ordered(new Set(runs.flatMap(r => Object.keys(r.test || {}))), METRIC_ORDER);
  const paramColumn = p => ({name: p, sort: p, num: true, cell: r => numText(r.params[p])});
  let columns = [
    {name: 'id', sort: 'id', cell: r => runLink(r.id)},
    {name: 'experiment', sort: 'experiment', cell: r => r.experiment},
    {name: 'status', sort: 'status', cell: r => badge(r.status)},
    {name: 'sweep', sort: 'sweep', cell: r => r.sweep
        ? el('a', {href: '/sweeps/' + encodeURIComponent(r.sweep), text: r.sweep.substring(0, 8)}) : ''},
    {name: 'started', sort: 'start_time', cell: r => (r.start_time || '').replace('T', ' ').replace(/\.\d+Z|Z/, '')},
    // the usual sweep axes, then how the runs did, then every other param
    ...keyParams.map(paramColumn),
    ...metrics.map(m => ({name: m, sort: m, num: true, cell: r => r.metrics[m] ? numText(r.metrics[m].last) : ''})),
    ...tests.map(t => ({name: t, sort: t, num: true, cell: r => numText(r.test[t])})),
    ...otherParams.map(paramColumn),
    {name: 'tags', cell: r => (r.tags || []).map(t => el('span', {class: 'tag', text: t}))},
  ];
  const optional = [...params, ...metrics, ...tests];
  fill(chooserList, optional.map(name => el('label', {class: 'choice'},
    el('input', {type: 'checkbox', 'data-column': name, checked: !hidden.has(name),
      onchange: e => toggleColumn(name, e.target.checked)}), ' ' + name)));
  columns = columns.filter(c => !hidden.has(c.name) || !optional.includes(c.name));
  const [sortField, sortDir] = state.sort.split(':');
  const head = el('tr', {}, el('th', {}, ''), columns.map(c => {
    const sorted = c.sort && c.sort === sortField;
    return el('th', {class: (c.sort ? 'sortable' : '') + (sorted ? ' sorted-' + (sortDir || 'asc') : ''),
      'data-field': c.sort || null,
      onclick: c.sort ? () => go({sort: c.sort + ':' + (sorted && sortDir !== 'desc' ? 'desc' : 'asc'), offset: 0}) : null,
    }, c.name);
  }));
  const rows = runs.map(r => el('tr', {'data-id': r.id},
    el('td', {}, el('input', {type: 'checkbox', class: 'pick', 'aria-label': 'select', checked: selected.has(r.id),
      onchange: e => { e.target.checked ? selected.add(r.id) : selected.delete(r.id); updateCompare(); }})),
    columns.map(c => el('td', {class: c.num ? 'num' : null}, c.cell(r)))));
  fill(table, el('thead', {}, head), el('tbody', {}, rows));
  const last = Math.min(page.total, state.offset + runs.length);
  fill(info, page.total === 0 ? 'No runs match' :
      `${state.offset + 1}\u2013${last} of ${page.total.toLocaleString('en')} runs`);
  prev.disabled = state.offset === 0;
  next.disabled = last >= page.total;
  const c = new URLSearchParams({q: state.q});
  if (state.sort) c.set('sort', state.sort);
  compareSearch.href = '/compare?' + c;
  compareSearch.classList.toggle('hidden', page.total < 2);
  updateCompare();
  markDrawn();
}

function updateCompare() {
  compareButton.disabled = selected.size < 2;
  compareButton.textContent = 'Compare selected (' + selected.size + ')';
}

async function loadSweeps() {
  const list = await api('/api/sweeps');
  if (!list.length) { fill(sweeps); return; }
  fill(sweeps, el('h2', {}, 'Sweeps'), el('table', {id: 'sweep-list'},
    el('tr', {}, el('th', {}, 'sweep'), el('th', {}, 'experiment'), el('th', {}, 'cells'), el('th', {}, 'status')),
    list.map(s => el('tr', {},
      el('td', {}, el('a', {href: '/sweeps/' + encodeURIComponent(s.id), text: s.id})),
      el('td', {}, s.experiment), el('td', {class: 'num'}, s.total),
      el('td', {}, Object.entries(s.counts).map(([k, n]) => [badge(k), ' ' + n + ' '] ))))));
}

live(async () => { await load(); await loadSweeps(); });
