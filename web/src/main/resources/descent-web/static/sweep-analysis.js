/*
 * The sweep page's analysis panel: how much of the objective's variance each grid axis (and pair of axes)
 * explains, as bars (a factorial ANOVA, /api/sweeps/{id}/analysis; for a random or TPE search, each parameter's
 * PED-ANOVA importance), and whether the best configuration beats the
 * next ones over seeds, as plain sentences. Styles are set here, so the panel needs no edit of the shared style.css.
 */
'use strict';

(function sweepAnalysis() {
  const sweepId = lastPathSegment();
  const heading = el('h2', {id: 'analysis-heading'}, 'What matters, and is the winner real');
  const summary = el('p', {id: 'anova-line'});
  const chart = el('div', {id: 'anova-chart', role: 'img'});
  const method = el('p', {id: 'anova-method', class: 'muted'});
  const verdicts = el('ul', {id: 'significance'});
  const section = el('section', {id: 'analysis'}, heading, summary, chart, method, verdicts);
  section.style.marginTop = '1.5em';
  document.getElementById('app').append(section);

  function pText(p) {
    if (p === null || p === undefined) return '';
    return p < 1e-6 ? 'p < 1e-6' : 'p = ' + String(Number(p.toPrecision(2)));
  }

  /** One bar: the term, its share of the variance, and p; significant terms solid, the others pale. */
  function bar(row, replicated) {
    const share = row.share === null ? 0 : row.share;
    const significant = row.p !== null && row.p < 0.05;
    const residual = row.term === 'Residual';
    const fillBar = el('div', {class: 'anova-fill'});
    fillBar.style.width = Math.max(0.5, 100 * share) + '%';
    fillBar.style.height = '100%';
    fillBar.style.background = residual ? '#bbb' : significant ? '#1f77b4' : '#a6c8e6';
    const track = el('div', {class: 'anova-track'}, fillBar);
    track.style.flex = '1';
    track.style.height = '1.1em';
    track.style.background = '#f2f2f2';
    const label = el('span', {class: 'anova-term'}, residual ? (replicated === false ? 'higher-order interactions (residual)' : 'seed noise (residual)') : row.term.replace(':', ' \u00d7 '));
    label.style.width = '16em';
    const value = el('span', {class: 'anova-value'}, Math.round(100 * share) + '%' + (row.p !== null ? ' \u00b7 '
        + pText(row.p) : ''));
    value.style.width = '12em';
    value.style.paddingLeft = '0.5em';
    const line = el('div', {class: 'anova-bar' + (significant ? ' significant' : ''), 'data-term': row.term,
      'data-share': share, title: 'df ' + row.df + ', sum of squares ' + row.sum_sq + (row.F !== null ? ', F '
        + row.F : '') + (row.partial_eta_sq !== null ? ', partial \u03b7\u00b2 ' + fmt(row.partial_eta_sq) : '')},
      label, track, value);
    line.style.display = 'flex';
    line.style.alignItems = 'center';
    line.style.margin = '0.2em 0';
    return line;
  }

  /** A search's parameter as a bar of its PED-ANOVA share (no p-value: the method gives none). */
  function importanceBar(r) {
    const line = bar({term: r.param, share: r.importance, p: null, F: null, partial_eta_sq: null});
    line.title = 'PED-ANOVA ' + fmt(r.ped_anova) + ' over the ' + r.active_trials + ' trials where it was set';
    return line;
  }

  async function load() {
    let a;
    try {
      a = await api('/api/sweeps/' + encodeURIComponent(sweepId) + '/analysis');
    } catch (e) {
      fill(summary, e.status === 404 ? 'No analysis: this sweep has no recorded grid.' : e.message);
      return;
    }
    const lines = a.lines || [];
    const verdictLines = a.comparisons.map(c => c.verdict);
    fill(heading, 'What matters for ' + a.objective.metric + ', and is the winner real');
    fill(summary, lines.length ? lines[0] : '');
    fill(chart, a.importance ? a.importance.map(importanceBar) : a.anova.map(row => bar(row, a.replicated)));
    fill(method, a.method ? a.method + '; ' + a.observations + ' runs' + (a.left_out ? ', ' + a.left_out
        + ' without a value left out' : '') : a.importance_method || '', (a.notes || []).map(n => [el('br'), 'note: ' + n]));
    fill(verdicts, verdictLines.map(v => el('li', {class: 'verdict'}, v)));
  }

  const tick = async () => {
    await load().catch(e => console.warn(e));
    setTimeout(tick, 5000);
  };
  tick();
})();
