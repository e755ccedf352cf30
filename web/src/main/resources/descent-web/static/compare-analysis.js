/*
 * The compare page's verdict for groups: with a grouping chosen, whether the best group beats the next ones over
 * their runs (Welch's t-test, a bootstrap interval, the runs that would settle it) and how much of the objective's
 * variance the group-by params explain, from /api/compare/analysis. Reads the runs compare.js loaded (its `data`).
 */
'use strict';

(function compareAnalysis() {
  const lines = el('ul', {id: 'group-verdicts'});
  const section = el('section', {id: 'group-analysis', class: 'hidden'}, el('h3', {}, 'Is the best group really best?'),
    lines);
  document.getElementById('groups').after(section);
  let shown = null;

  async function tick() {
    const group = param('group');
    const metric = param('objective') || (document.getElementById('objective') || {}).value;
    const ids = (data.runs || []).map(r => r.id);
    if (!group || !metric || ids.length < 2) {
      section.classList.add('hidden');
      shown = null;
      return;
    }
    const request = '/api/compare/analysis?' + new URLSearchParams({ids: ids.join(','), group, objective: metric});
    if (request === shown) return;
    const a = await api(request);
    shown = request;
    fill(lines, (a.lines || []).map(l => el('li', {}, l)));
    section.classList.remove('hidden');
  }

  const loop = async () => {
    await tick().catch(e => console.warn(e));
    setTimeout(loop, 2000);
  };
  loop();
})();
