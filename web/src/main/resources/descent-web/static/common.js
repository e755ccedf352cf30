/*
 * Shared by every page. Data from the store is only ever put into the page with textContent or as
 * attribute values set through the DOM (el()), never parsed as HTML: names, tags, notes, params and
 * errors are user data.
 */
'use strict';

/** Makes an element: attrs are properties/attributes, children are nodes or strings (as text). */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = String(v);
    else if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
    else e.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined) continue;
    e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** Replaces the children of a node. */
function fill(node, ...children) {
  node.replaceChildren(...children.flat(Infinity).filter(c => c !== null && c !== undefined)
      .map(c => c instanceof Node ? c : document.createTextNode(String(c))));
  return node;
}

/** fetch + JSON; an API error becomes an Error carrying the server's message. */
async function api(path, options) {
  const res = await fetch(path, options);
  const text = await res.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
  if (!res.ok) {
    const err = new Error(body && body.message ? body.message : ('HTTP ' + res.status));
    err.status = res.status;
    throw err;
  }
  return body;
}

/* descent serve prints http://host:port/#token=T when edits need a token: keep it for this tab, off the URL. */
(function takeTokenFromUrl() {
  const m = /^#token=([A-Za-z0-9_\-.~]+)$/.exec(location.hash);
  if (m) {
    sessionStorage.setItem('descent.token', m[1]);
    history.replaceState(null, '', location.pathname + location.search);
  }
})();

/** A write; on 401 asks once for the token descent serve printed, then retries. */
async function sendJson(method, path, body, retried) {
  const headers = {'Content-Type': 'application/json'};
  const token = sessionStorage.getItem('descent.token');
  if (token) headers['Authorization'] = 'Bearer ' + token;
  try {
    return await api(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  } catch (e) {
    if (e.status !== 401 || retried) throw e;
    const given = prompt('Edits on this server need the token printed by descent serve:');
    if (!given) throw e;
    sessionStorage.setItem('descent.token', given.trim());
    return sendJson(method, path, body, true);
  }
}

/** Calls load() now and every 2 s after each completes, so an open page follows the store. */
function live(load) {
  const dot = document.getElementById('live');
  const tick = async () => {
    try {
      await load();
      if (dot) dot.classList.remove('stale');
    } catch (e) {
      if (dot) dot.classList.add('stale');
      console.warn(e);
    }
    setTimeout(tick, 2000);
  };
  tick();
}

/**
 * Marks the first time the page's data is on screen as the performance entry "descent:drawn" (after the next
 * frame is painted), which the dashboard benchmark reads as the page's time to fully drawn.
 */
function markDrawn() {
  if (performance.getEntriesByName('descent:drawn').length || markDrawn.pending) return;
  markDrawn.pending = true;
  requestAnimationFrame(() => setTimeout(() => performance.mark('descent:drawn'), 0));
}

function badge(status) {
  return el('span', {class: 'badge status-' + String(status).replace(/[^a-z]/g, ''), text: status});
}

/**
 * A value as people read it: a number to 4 significant digits (0.99437 as 0.9944, 0.0086685 as 0.008669,
 * 1e-8 as 1e-8, never 1.0E-8), an integer whole; the full value is kept for hover ({@link numText}).
 * The one place the pages format a number for tables, heatmaps and ticks.
 */
function fmt(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (!isFinite(v) || Number.isInteger(v)) return String(v);
    const a = Math.abs(v);
    return (a < 1e-3 || a >= 1e5)
      ? v.toExponential(3).replace(/\.?0+e/, 'e').replace('e+', 'e') : String(+v.toPrecision(4));
  }
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** {@link fmt}'s text, in a span whose title holds the full value when the text rounds it. */
function numText(v) {
  const text = fmt(v);
  return typeof v === 'number' && text !== String(v) ? el('span', {title: String(v)}, text) : text;
}

function num(v) {
  return typeof v === 'number' && isFinite(v) ? v : null;
}

function param(name) {
  return new URLSearchParams(location.search).get(name);
}

function lastPathSegment() {
  const parts = location.pathname.split('/');
  return decodeURIComponent(parts[parts.length - 1]);
}

function runLink(id) {
  return el('a', {href: '/runs/' + encodeURIComponent(id), text: id});
}

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
  '#bcbd22', '#17becf'];

/** A series colour with some transparency, for bands drawn under their line. */
function translucent(color, alpha) {
  if (color.startsWith('hsl(')) return 'hsla(' + color.slice(4, -1) + ', ' + alpha + ')';
  const n = parseInt(color.slice(1), 16);
  return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + alpha + ')';
}

/** Series i of n: the palette while it lasts, then hues a golden angle apart, so 48 runs get 48 colours. */
function seriesColor(i, n) {
  return n <= PALETTE.length ? PALETTE[i] : 'hsl(' + Math.round((i * 137.508) % 360) + ', 65%, 45%)';
}

/** Beyond this many lines a legend is a wall of ids: the chart names the line under the cursor instead. */
const MAX_LEGEND = 10;

/** Background for a value's place between the worst (0, red) and the best (1, green) of its kind. */
function goodnessColor(goodness) {
  return 'hsl(' + Math.round(goodness * 120) + ', 65%, ' + Math.round(80 - goodness * 20) + '%)';
}

/**
 * A uPlot line chart kept up to date in place: series is [{label, points: [[x, y], ...]}], or for a group
 * {label, points: [[x, mean, std, n], ...], band: true}, drawn as the mean with a shaded mean ± std band.
 * Redrawn with setData when the same series come back, rebuilt when they change.
 */
class LineChart {
  constructor(container, title) {
    this.title = title;
    this.log = false;
    // a log y axis, as TensorBoard offers: a loss that starts at 60 and ends at 0.01 is flat on a linear one
    const toggle = el('label', {class: 'chart-log', title: 'logarithmic y axis'},
      el('input', {type: 'checkbox', 'data-chart': title, onchange: e => {
        this.log = e.target.checked;
        this.box.classList.toggle('log', this.log);
        this.key = null;
        if (this.series) this.update(this.series);
      }}), ' log y');
    this.plotBox = el('div', {});
    this.box = el('div', {class: 'chart'}, toggle, this.plotBox);
    container.appendChild(this.box);
  }

  update(series) {
    this.series = series;
    const y = v => (this.log && v !== null && v <= 0) ? null : v;
    const xs = [...new Set(series.flatMap(s => s.points.map(p => p[0])))].sort((a, b) => a - b);
    const index = new Map(xs.map((x, i) => [x, i]));
    const column = f => {
      const ys = new Array(xs.length).fill(null);
      return (points) => { points.forEach(p => { ys[index.get(p[0])] = f(p); }); return ys; };
    };
    const data = [xs];
    const uSeries = [{label: 'epoch'}];
    const bands = [];
    const hidden = [];
    const many = series.length > MAX_LEGEND;
    series.forEach((s, i) => {
      const color = seriesColor(i, series.length);
      data.push(column(p => y(num(p[1])))(s.points));
      uSeries.push({label: s.label, stroke: color, width: 2, spanGaps: true, points: {show: xs.length < 30}});
      if (!s.band) return;
      const spread = (p, sign) => num(p[1]) === null ? null : y(p[1] + sign * (num(p[2]) || 0));
      data.push(column(p => spread(p, 1))(s.points), column(p => spread(p, -1))(s.points));
      const hi = uSeries.length, lo = hi + 1;
      for (const edge of ['+\u03c3', '\u2212\u03c3']) {
        uSeries.push({label: s.label + ' ' + edge, stroke: translucent(color, 0.35), width: 1, spanGaps: true,
          points: {show: false}});
        hidden.push(uSeries.length - 1);
      }
      bands.push({series: [hi, lo], fill: translucent(color, 0.18)});
    });
    const key = series.map(s => s.label + (s.band ? '\u0001' : '')).join('\u0000') + (this.log ? '\u0002' : '');
    if (this.plot && this.key === key) {
      this.plot.setData(data);
      return;
    }
    if (this.plot) this.plot.destroy();
    this.key = key;
    const opts = {
      title: this.title, width: Math.max(320, Math.min(560, this.box.parentNode.clientWidth - 8)), height: 240,
      scales: {x: {time: false}, y: this.log ? {distr: 3} : {}},
      axes: [{label: 'epoch', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]},
        {size: 56, values: (u, ticks) => ticks.map(axisLabel)}],
      series: uSeries,
      bands,
    };
    if (this.readout) this.readout.remove();
    this.readout = null;
    if (many) {
      // no legend: the nearest line is highlighted and named, with its value at the cursor's epoch
      const readout = el('div', {class: 'chart-readout'}, series.length + ' lines: point at one to name it');
      this.readout = readout;
      let focused = null;
      const show = u => {
        const idx = u.cursor.idx;
        if (focused === null || idx === null || idx === undefined) return;
        fill(readout, u.series[focused].label + ': ' + fmt(u.data[focused][idx]) + ' at epoch ' + u.data[0][idx]);
      };
      opts.legend = {show: false};
      opts.focus = {alpha: 0.25};
      opts.cursor = {focus: {prox: 24}};
      opts.hooks = {setSeries: [(u, i) => { focused = i === null || i === undefined ? null : i; show(u); }],
        setCursor: [show]};
      this.plotBox.after(readout);
    }
    this.plot = new uPlot(opts, data, this.plotBox);
    // the band edges are drawn but kept out of the legend: it names runs and groups, not their spreads
    const rows = this.plot.root.querySelectorAll('.u-legend .u-series');
    hidden.forEach(i => { if (rows[i]) rows[i].classList.add('hidden'); });
  }
}

/** Charts by name inside a container, created on first use. */
class ChartSet {
  constructor(container) {
    this.container = container;
    this.charts = new Map();
  }

  update(name, series) {
    if (!this.charts.has(name)) this.charts.set(name, new LineChart(this.container, name));
    this.charts.get(name).update(series);
  }
}

/** The params a sweep usually varies come first wherever params are listed; the rest alphabetically. */
const PARAM_ORDER = ['optimizer', 'learning_rate', 'batch_size', 'dropout', 'seed'];
/** The metrics users judge a run by come first; the bookkeeping ones (epoch_seconds, ...) after. */
const METRIC_ORDER = ['val_accuracy', 'val_loss', 'train_accuracy', 'train_loss', 'test_accuracy', 'test_loss',
  'accuracy', 'loss'];

/** Names sorted by their place in {@code order}, unknown ones after, alphabetically. */
function ordered(names, order) {
  const rank = n => { const i = order.indexOf(n); return i < 0 ? order.length : i; };
  return [...names].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Axis labels that fit: 60000 as 60k, 0.000123 as 1.23e-4. */
function axisLabel(v) {
  if (v === null || v === undefined) return '';
  const a = Math.abs(v);
  if (a >= 1e6) return +(v / 1e6).toPrecision(3) + 'M';
  if (a >= 1e4) return +(v / 1e3).toPrecision(3) + 'k';
  return fmt(v);
}

/** Groups metric keys for charts: train_loss and val_loss share the chart "loss". */
function chartName(key) {
  return key.replace(/^(train|val|validation)_/, '');
}
