/*
 * A parallel-coordinates plot in SVG: one vertical axis per param that varies, the objective last, one line
 * per run coloured from worst (red) to best (green). Numbers get a linear axis, or a log one when they span
 * more than a factor of 20 and are all positive (learning rates); anything else gets one tick per value.
 * Runs without a value sit on the axis's "n/a" mark at the bottom. Every label is set as text; ticks show
 * 4 significant digits, a line's title its full objective value. The plot is as wide as its container.
 */
'use strict';

const SVG_NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) e.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c !== null && c !== undefined) e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** Where a value sits on an axis, as a fraction 0 (bottom) .. 1 (top); null for no value. */
function axisScale(values) {
  const present = values.filter(v => v !== null && v !== undefined);
  const numeric = present.length > 0 && present.every(v => typeof v === 'number' && isFinite(v));
  if (!numeric) {
    const levels = [...new Set(present.map(String))].sort();
    const at = v => levels.length < 2 ? 0.5 : levels.indexOf(String(v)) / (levels.length - 1);
    return {ticks: levels.map(l => [at(l), l]), at: v => (v === null || v === undefined ? null : at(v))};
  }
  const lo = Math.min(...present), hi = Math.max(...present);
  const log = lo > 0 && hi / lo > 20;
  const f = log ? Math.log10 : (x => x);
  const a = f(lo), b = f(hi);
  const at = v => (typeof v !== 'number' || !isFinite(v)) ? null : (b > a ? (f(v) - a) / (b - a) : 0.5);
  const distinct = [...new Set(present)].sort((x, y) => x - y);
  const ticks = distinct.length <= 6 ? distinct
      : log ? decades(lo, hi) : [0, 0.25, 0.5, 0.75, 1].map(t => lo + t * (hi - lo));
  return {ticks: ticks.map(t => [at(t), fmt(t)]), at, log};
}

function decades(lo, hi) {
  const out = [];
  for (let e = Math.ceil(Math.log10(lo)); e <= Math.floor(Math.log10(hi)); e++) out.push(Math.pow(10, e));
  return out.length >= 2 ? out : [lo, hi];
}

/**
 * Draws into {@code container}: axes is [{name, values}] (values in run order), objective {name, values,
 * maximize}, runs the run ids; a click on a line opens that run.
 */
function drawParallel(container, runs, axes, objective) {
  const all = axes.concat([{name: objective.name, values: objective.values, objective: true}]);
  // the container's width (it is the page's), or wider with many axes: then it scrolls sideways
  const width = Math.max(container.clientWidth || 560, 110 * all.length), height = 300;
  const top = 34, bottom = 40, left = 60, right = 60;
  const x = i => left + (all.length < 2 ? 0 : i * (width - left - right) / (all.length - 1));
  const y = t => t === null ? height - bottom + 22 : top + (1 - t) * (height - top - bottom);
  const scales = all.map(a => axisScale(a.values));
  const scored = objective.values.filter(v => typeof v === 'number' && isFinite(v));
  const lo = Math.min(...scored), hi = Math.max(...scored);
  const plot = svg('svg', {id: 'parallel-plot', width, height, viewBox: '0 0 ' + width + ' ' + height,
    role: 'img', 'aria-label': 'parallel coordinates of ' + all.map(a => a.name).join(', ')});
  const lines = svg('g', {class: 'pc-lines'});
  runs.forEach((id, r) => {
    const v = objective.values[r];
    const good = typeof v === 'number' && isFinite(v);
    const t = !good ? null : hi > lo ? (v - lo) / (hi - lo) : 1;
    const color = good ? 'hsl(' + Math.round((objective.maximize ? t : 1 - t) * 120) + ', 70%, 42%)' : '#9e9e9e';
    const points = all.map((a, i) => x(i) + ',' + y(scales[i].at(a.values[r]))).join(' ');
    const line = svg('polyline', {points, stroke: color, class: good ? 'pc-line' : 'pc-line pc-none',
      'data-run': id},
      svg('title', {}, id + ': ' + objective.name + ' ' + (good ? String(v) : 'n/a')));
    line.addEventListener('click', () => { location.href = '/runs/' + encodeURIComponent(id); });
    lines.appendChild(line);
  });
  plot.appendChild(lines);
  all.forEach((a, i) => {
    const g = svg('g', {class: 'pc-axis' + (a.objective ? ' pc-objective' : ''), 'data-axis': a.name},
      svg('line', {x1: x(i), x2: x(i), y1: y(1), y2: y(0)}),
      svg('text', {x: x(i), y: top - 14, 'text-anchor': 'middle', class: 'pc-name'},
        a.name + (scales[i].log ? ' (log)' : '')),
      scales[i].ticks.map(([t, label]) => [
        svg('line', {x1: x(i) - 4, x2: x(i), y1: y(t), y2: y(t)}),
        svg('text', {x: x(i) - 7, y: y(t) + 4, 'text-anchor': 'end'}, label)]),
      a.values.some(v => scales[i].at(v) === null)
        ? svg('text', {x: x(i) - 7, y: y(null) + 4, 'text-anchor': 'end', class: 'pc-na'}, 'n/a') : null);
    plot.appendChild(g);
  });
  container.replaceChildren(plot);
}
