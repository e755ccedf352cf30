/* One run: summary, charts (train and validation on one chart), tags and note editable, config, provenance. */
'use strict';

const id = lastPathSegment();
const base = '/api/runs/' + encodeURIComponent(id);
const app = document.getElementById('app');
const title = el('h1', {id: 'title'});
const meta = el('div', {id: 'meta', class: 'toolbar'});
const errorBox = el('div', {id: 'run-error', class: 'error hidden'});
const charts = el('div', {id: 'charts', class: 'charts'});
const tags = el('div', {id: 'tags'});
const tagInput = el('input', {type: 'text', id: 'tag-input', placeholder: 'new tag', 'aria-label': 'new tag'});
const editError = el('div', {id: 'edit-error', class: 'error hidden'});
const note = el('textarea', {id: 'note', 'aria-label': 'note'});
const noteSaved = el('span', {id: 'note-status'});
const params = el('table', {id: 'params'});
const summaries = el('table', {id: 'summaries'});
const files = el('ul', {id: 'files'});
const stack = el('pre', {id: 'stack', class: 'hidden'});
const config = el('pre', {id: 'config'});
const provenance = el('pre', {id: 'provenance'});
const chartSet = new ChartSet(charts);
let noteDirty = false;

note.addEventListener('input', () => { noteDirty = true; fill(noteSaved, 'unsaved'); });
app.append(title, meta, errorBox, stack,
  el('h2', {}, 'Metrics'), charts,
  el('div', {class: 'grid'},
    el('div', {}, el('h2', {}, 'Params'), params),
    el('div', {}, el('h2', {}, 'Summaries'), summaries,
      el('h2', {}, 'Files'), files),
    el('div', {}, el('h2', {}, 'Tags'), tags,
      el('form', {id: 'tag-form', onsubmit: e => { e.preventDefault(); edit(() => sendJson('POST', base + '/tags', {tag: tagInput.value.trim()})).then(() => { tagInput.value = ''; }); }},
        tagInput, el('button', {type: 'submit', id: 'add-tag'}, 'Add')),
      el('h2', {}, 'Note'), note,
      el('div', {}, el('button', {type: 'button', id: 'save-note', onclick: () => edit(() => sendJson('PUT', base + '/note', {note: note.value})).then(() => { noteDirty = false; fill(noteSaved, 'saved'); })}, 'Save note'), ' ', noteSaved),
      editError)),
  el('h2', {}, 'Config'), config,
  el('h2', {}, 'Provenance'), provenance);

/** Runs a write, shows its error inline, and reloads the run. */
async function edit(write) {
  try {
    await write();
    editError.classList.add('hidden');
  } catch (e) {
    fill(editError, e.message);
    editError.classList.remove('hidden');
    throw e;
  } finally {
    await load();
  }
}

function keyValueRows(table, entries) {
  fill(table, entries.map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', {class: 'num'}, numText(v)))));
}

async function load() {
  let run;
  try {
    run = await api(base);
  } catch (e) {
    if (e.status === 404) { fill(title, 'Run not found'); fill(errorBox, e.message); errorBox.classList.remove('hidden'); return; }
    throw e;
  }
  document.title = run.id + ' \u00b7 descent';
  fill(title, run.experiment + ' / ' + run.id);
  fill(meta, badge(run.status),
    run.sweep ? el('a', {href: '/sweeps/' + encodeURIComponent(run.sweep)}, 'sweep ' + run.sweep) : null,
    'started ' + (run.start_time || ''), run.end_time ? ' ended ' + run.end_time : '');
  if (run.error) { fill(errorBox, run.error); errorBox.classList.remove('hidden'); } else errorBox.classList.add('hidden');
  if (run.stack_trace) { fill(stack, run.stack_trace); stack.classList.remove('hidden'); } else stack.classList.add('hidden');
  keyValueRows(params, ordered(Object.keys(run.params || {}), PARAM_ORDER).map(k => [k, run.params[k]]));
  keyValueRows(summaries, [
    ...Object.entries(run.metrics || {}).flatMap(([k, s]) => [[k + ' last', s.last], [k + ' best', s.best_epoch != null ? (fmt(k.includes('loss') ? s.min : s.max) + ' @ ' + s.best_epoch) : '']]),
    ...Object.entries(run.test || {})]);
  fill(tags, (run.tags || []).map(t => el('span', {class: 'tag', 'data-tag': t}, t,
    el('button', {type: 'button', title: 'remove tag', 'aria-label': 'remove tag',
      onclick: () => edit(() => sendJson('DELETE', base + '/tags?tag=' + encodeURIComponent(t)))}, '\u00d7'))));
  if (!noteDirty && document.activeElement !== note) note.value = run.note || '';
  config.textContent = JSON.stringify(run.config, null, 2);
  provenance.textContent = JSON.stringify(run.provenance, null, 2);
  const groups = new Map();
  for (const key of ordered(Object.keys(run.history || {}), METRIC_ORDER)) {
    const points = run.history[key];
    const name = chartName(key);
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name).push({label: key, points});
  }
  for (const [name, series] of groups) chartSet.update(name, series);
  const kept = await api(base + '/artifacts');
  fill(files, kept.length ? kept.map(f => el('li', {'data-file': f.name},
    el('a', {href: f.url, download: f.name}, f.name), ' (' + f.bytes.toLocaleString('en') + ' bytes)'))
    : el('li', {}, run.status === 'running' ? 'none yet: the weights are kept when the run ends'
      : ['diverged', 'failed'].includes(run.status) ? 'none: a ' + run.status + ' run keeps no weights' : 'none'));
}

live(load);
