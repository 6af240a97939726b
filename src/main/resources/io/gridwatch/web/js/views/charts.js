// History charts (uPlot, vendored): one chart per unit (charge, runtime, load, power, voltage, frequency,
// temperature), for 1 h, 1 d, 7 d, 30 d, 1 y or a custom range, in the site's time zone. Scales fit the data (with
// a floor, so a steady 50 Hz is not drawn as noise); the legend shows each series' latest value, and its value
// under the cursor while hovering; drag across a chart to zoom in, double-click to zoom out. The last hour grows
// live from the event stream.
import { h, loadInto, siteZone, zoneName } from '../dom.js';
import { get, enc } from '../api.js';
import { state, subscribe } from '../store.js';

/** Each chart has one unit; `span` is the least the value axis shows (fitted scales never zoom into noise). */
const GROUPS = [
  { title: 'Battery charge', unit: '%', vars: ['battery.charge'], min: 0, max: 100 },
  { title: 'Runtime', unit: 'min', vars: ['battery.runtime'], scale: 1 / 60, min: 0, span: 10 },
  { title: 'Load', unit: '%', vars: ['ups.load'], min: 0, max: 100 },
  { title: 'Real power', unit: 'W', vars: ['ups.realpower'], min: 0, span: 50 },
  { title: 'Apparent power', unit: 'VA', vars: ['ups.power'], min: 0, span: 50 },
  { title: 'Voltage', unit: 'V', vars: ['input.voltage', 'output.voltage'], span: 20 },
  { title: 'Battery voltage', unit: 'V', vars: ['battery.voltage'], span: 4 },
  { title: 'Frequency', unit: 'Hz', vars: ['input.frequency', 'output.frequency'], span: 2 },
  { title: 'Temperature', unit: '°C', vars: ['ups.temperature', 'battery.temperature'], span: 10 },
];
const RANGES = ['1h', '1d', '7d', '30d', '1y'];
const COLORS = ['#2f8f5b', '#2b6cb0', '#b7791f', '#c53030'];
// what the stream's 'ups' summary carries, by variable
const LIVE = { 'battery.charge': (u) => u.battery?.charge, 'battery.runtime': (u) => u.battery?.runtime,
  'ups.load': (u) => u.load, 'ups.realpower': (u) => u.readings?.realpower, 'ups.power': (u) => u.readings?.power,
  'input.voltage': (u) => u.readings?.input_voltage, 'output.voltage': (u) => u.readings?.output_voltage,
  'battery.voltage': (u) => u.readings?.battery_voltage, 'input.frequency': (u) => u.readings?.input_frequency,
  'output.frequency': (u) => u.readings?.output_frequency, 'ups.temperature': (u) => u.readings?.temperature };

export function historySection(u) {
  const groups = GROUPS.map((g) => ({ ...g, vars: g.vars.filter((v) => v in u.variables) })).filter((g) => g.vars.length);
  if (!groups.length) return null;
  let range = '1h';
  let custom = null;
  const buttons = RANGES.map((r) => h('button', { type: 'button', class: 'chip', dataset: { range: r } }, r));
  const from = h('input', { type: 'datetime-local', id: 'history-from', 'aria-label': 'History from' });
  const to = h('input', { type: 'datetime-local', id: 'history-to', 'aria-label': 'History to' });
  const show = h('button', { type: 'submit', class: 'chip' }, 'Show');
  const customForm = h('form', { class: 'inline-form' }, from, h('span', { 'aria-hidden': 'true' }, '–'), to, show);
  const charts = h('div', { class: 'charts' });
  const section = h('section', { class: 'card history' }, h('header', {}, h('h2', {}, 'History'),
    h('div', { class: 'ranges', role: 'group', 'aria-label': 'Range' }, buttons), customForm),
  h('p', { class: 'muted small' }, `Times in ${zoneName()}. Drag across a chart to zoom in; double-click to zoom out.`),
  charts);
  let plots = [];
  const draw = async () => {
    buttons.forEach((b) => b.setAttribute('aria-pressed', String(!custom && b.dataset.range === range)));
    plots.forEach((p) => p.plot?.destroy());
    plots = [];
    let built = [];
    const ok = await loadInto(charts, async () => {
      const query = custom ? `from=${enc(custom.from)}&to=${enc(custom.to)}` : `range=${range}`;
      built = await Promise.all(groups.map((g) => chart(u.name, g, query)));
      return built.map((b) => b.node);
    }, { label: 'Loading history…' });
    if (ok) {
      plots = built;
      plots.forEach((p) => p.mountPlot());
    }
  };
  buttons.forEach((b) => b.addEventListener('click', () => { range = b.dataset.range; custom = null; draw(); }));
  customForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!from.value || !to.value) return;
    custom = { from: zoned(from.value), to: zoned(to.value) };
    draw();
  });
  draw();
  const off = subscribe((what) => {
    if (what !== 'ups' || range !== '1h' || custom || state.lost) return;
    const live = state.ups.find((x) => x.name === u.name);
    if (live) plots.forEach((p) => p.append(live));
  });
  section.dispose = () => { off(); plots.forEach((p) => p.plot?.destroy()); };
  return section;
}

/** A datetime-local value read as the site's wall-clock time, as an ISO instant. */
function zoned(local) {
  const guess = Date.parse(`${local}:00Z`);
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: siteZone(), hour12: false, year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(guess));
  const get = (t) => Number(parts.find((p) => p.type === t).value);
  const shown = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'));
  return new Date(guess - (shown - guess)).toISOString();
}

const number = (v) => (v === null || v === undefined || Number.isNaN(v) ? '–' : Number.isInteger(v) ? String(v)
  : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

/** The value axis: fitted to the data with some room, never narrower than the group's span, within its bounds. */
function fit(group, lo, hi) {
  if (lo === null || hi === null) return [group.min ?? 0, group.max ?? 1];
  if (group.min !== undefined && group.max !== undefined) return [group.min, group.max];
  const span = Math.max(hi - lo, group.span ?? 1);
  const mid = (hi + lo) / 2;
  let a = mid - span * 0.6;
  let b = mid + span * 0.6;
  if (group.min !== undefined && a < group.min) { b += group.min - a; a = group.min; }
  return [a, b];
}

// uPlot (145 kB, 42 kB on the wire) is fetched the first time a chart is drawn, not with every page of the dashboard
let library = null;
const plotLibrary = () => (library ??= import('../../vendor/uplot/uPlot.esm.js').then((m) => m.default)
  .catch((e) => { library = null; throw e; })); // a failed fetch is tried again with the next chart

async function chart(ups, group, query) {
  const uPlot = await plotLibrary();
  const series = await Promise.all(group.vars.map((v) =>
    get(`/api/v1/ups/${enc(ups)}/history?var=${enc(v)}&${query}`)));
  const k = group.scale ?? 1;
  const tables = series.map((s) => [s.points.map((p) => p[0] / 1000), s.points.map((p) => p[2] * k)]);
  const data = tables.some((t) => t[0].length) ? uPlot.join(tables) : [[], ...tables.map(() => [])];
  const box = h('div', { class: 'chart', dataset: { group: group.title } });
  const csv = group.vars.map((v) => h('a', { href: `/api/v1/ups/${enc(ups)}/history?var=${enc(v)}&${query}&format=csv`,
    download: `${ups}-${v}.csv` }, `${v}.csv`));
  const tier = series[0]?.tier || '';
  // the x axis always spans the range asked for, however few readings are in it
  const from = Date.parse(series[0].from) / 1000;
  const to = Date.parse(series[0].to) / 1000;
  const legend = h('ul', { class: 'chart-legend' });
  const entries = group.vars.map((v, i) => {
    const value = h('strong', { class: 'now', dataset: { series: v } }, '–');
    legend.append(h('li', {}, h('span', { class: 'swatch', 'aria-hidden': 'true', dataset: { color: String(i) } }),
      `${v} `, value, ` ${group.unit}`));
    return value;
  });
  const node = h('figure', { class: 'chart-card' },
    h('figcaption', {}, h('strong', {}, group.title), h('span', { class: 'muted' }, ` ${group.unit} · ${tier}`),
      h('span', { class: 'csv' }, ' CSV: ', csv)),
    legend, box, data[0].length ? null : h('p', { class: 'muted' }, 'No history for this range yet.'));
  const entry = { node, plot: null };
  const latest = () => group.vars.map((_, i) => {
    const col = entry.plot ? entry.plot.data[i + 1] : data[i + 1];
    for (let j = col.length - 1; j >= 0; j--) if (col[j] !== null && col[j] !== undefined) return col[j];
    return null;
  });
  const showValues = (vals) => entries.forEach((el, i) => { el.textContent = number(vals[i]); });
  const bounds = () => {
    let lo = null;
    let hi = null;
    for (let i = 1; i < (entry.plot ? entry.plot.data : data).length; i++) {
      for (const v of (entry.plot ? entry.plot.data : data)[i]) {
        if (v === null || v === undefined) continue;
        lo = lo === null ? v : Math.min(lo, v);
        hi = hi === null ? v : Math.max(hi, v);
      }
    }
    return fit(group, lo, hi);
  };
  entry.mountPlot = () => {
    const width = Math.max(280, box.clientWidth || 600);
    entry.plot = new uPlot({
      width, height: 240, class: 'uplot-chart', legend: { show: false },
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), siteZone()),
      scales: { x: { time: true, auto: false, min: from, max: to }, y: { range: () => bounds() } },
      series: [{}, ...group.vars.map((v, i) => ({ label: v, stroke: COLORS[i % COLORS.length], width: 1.5,
        spanGaps: true }))],
      axes: [{ stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,.2)' } },
        { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,.2)' }, label: group.unit, size: 56 }],
      cursor: { drag: { x: true, y: false } },
      hooks: {
        setCursor: [(p) => {
          const idx = p.cursor.idx;
          showValues(idx === null || idx === undefined ? latest() : group.vars.map((_, i) => p.data[i + 1][idx]));
        }],
      },
    }, data, box);
    entry.plot.setScale('x', { min: from, max: to });
    showValues(latest());
  };
  entry.append = (live) => {
    if (!entry.plot) return;
    const now = Date.now() / 1000;
    const d = entry.plot.data.map((col) => Array.from(col));
    d[0].push(now);
    group.vars.forEach((v, i) => {
      const val = LIVE[v]?.(live);
      d[i + 1].push(val === undefined || val === null ? null : val * k);
    });
    entry.plot.setData(d);
    entry.plot.setScale('x', { min: from, max: Math.max(to, now) });
    showValues(latest());
  };
  return entry;
}
