// History charts (uPlot, vendored): battery, power and load, voltage, frequency, temperature, for a range from
// the last hour to a year. The server picks the resolution; the last hour grows live from the event stream.
import uPlot from '../../vendor/uplot/uPlot.esm.js';
import { h, mount } from '../dom.js';
import { get, enc } from '../api.js';
import { state, subscribe } from '../store.js';

const GROUPS = [
  { title: 'Battery', unit: '% / min', vars: ['battery.charge', 'battery.runtime'], scale: { 'battery.runtime': 1 / 60 } },
  { title: 'Power and load', unit: '% / W', vars: ['ups.load', 'ups.realpower', 'ups.power'] },
  { title: 'Voltage', unit: 'V', vars: ['input.voltage', 'output.voltage', 'battery.voltage'] },
  { title: 'Frequency', unit: 'Hz', vars: ['input.frequency', 'output.frequency'] },
  { title: 'Temperature', unit: '°C', vars: ['ups.temperature', 'battery.temperature'] },
];
const RANGES = ['1h', '1d', '30d', '1y'];
const COLORS = ['#2f8f5b', '#2b6cb0', '#b7791f', '#c53030'];
// what the stream's 'ups' summary carries, by variable
const LIVE = { 'battery.charge': (u) => u.battery?.charge, 'battery.runtime': (u) => u.battery?.runtime,
  'ups.load': (u) => u.load, 'ups.realpower': (u) => u.realpower, 'input.voltage': (u) => u.input_voltage };

export function historySection(u) {
  const groups = GROUPS.map((g) => ({ ...g, vars: g.vars.filter((v) => v in u.variables) })).filter((g) => g.vars.length);
  if (!groups.length) return null;
  let range = '1h';
  const buttons = RANGES.map((r) => h('button', { type: 'button', class: 'chip', dataset: { range: r } }, r));
  const charts = h('div', { class: 'charts' });
  const section = h('section', { class: 'card history' }, h('header', {}, h('h2', {}, 'History'),
    h('div', { class: 'ranges', role: 'group', 'aria-label': 'Range' }, buttons)), charts);
  let plots = [];
  const draw = async () => {
    buttons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.range === range)));
    plots.forEach((p) => p.plot?.destroy());
    plots = [];
    mount(charts, h('p', { class: 'muted' }, h('span', { class: 'spin' }), 'Loading history…'));
    try {
      const built = await Promise.all(groups.map((g) => chart(u.name, g, range)));
      mount(charts, built.map((b) => b.node));
      plots = built;
      plots.forEach((p) => p.mountPlot());
    } catch (e) {
      mount(charts, h('p', { class: 'error' }, e.message));
    }
  };
  buttons.forEach((b) => b.addEventListener('click', () => { range = b.dataset.range; draw(); }));
  draw();
  const off = subscribe((what) => {
    if (what !== 'ups' || range !== '1h') return;
    const live = state.ups.find((x) => x.name === u.name);
    if (live) plots.forEach((p) => p.append(live));
  });
  section.dispose = () => { off(); plots.forEach((p) => p.plot?.destroy()); };
  return section;
}

async function chart(ups, group, range) {
  const series = await Promise.all(group.vars.map((v) =>
    get(`/api/v1/ups/${enc(ups)}/history?var=${enc(v)}&range=${range}`)));
  const tables = series.map((s, i) => {
    const k = group.scale?.[group.vars[i]] ?? 1;
    return [s.points.map((p) => p[0] / 1000), s.points.map((p) => p[2] * k)];
  });
  const data = tables.some((t) => t[0].length) ? uPlot.join(tables) : [[], ...tables.map(() => [])];
  const box = h('div', { class: 'chart', dataset: { group: group.title } });
  const csv = group.vars.map((v) => h('a', { href: `/api/v1/ups/${enc(ups)}/history?var=${enc(v)}&range=${range}&format=csv`,
    download: `${ups}-${v}-${range}.csv` }, `${v}.csv`));
  const tier = series[0]?.tier || '';
  // the x axis always spans the range asked for, however few readings are in it
  const from = Date.parse(series[0].from) / 1000;
  const to = Date.parse(series[0].to) / 1000;
  const node = h('figure', { class: 'chart-card' },
    h('figcaption', {}, h('strong', {}, group.title), h('span', { class: 'muted' }, ` ${group.unit} · ${tier}`),
      h('span', { class: 'csv' }, ' CSV: ', csv)),
    box, data[0].length ? null : h('p', { class: 'muted' }, 'No history for this range yet.'));
  const entry = { node, plot: null };
  entry.mountPlot = () => {
    const width = Math.max(280, box.clientWidth || 600);
    entry.plot = new uPlot({
      width, height: 220, class: 'uplot-chart',
      scales: { x: { time: true, auto: false, min: from, max: to } },
      series: [{}, ...group.vars.map((v, i) => ({ label: v, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true }))],
      axes: [{ stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,.2)' } },
        { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,.2)' } }],
      cursor: { drag: { x: true, y: false } },
    }, data, box);
    entry.plot.setScale('x', { min: from, max: to });
  };
  entry.append = (live) => {
    if (!entry.plot) return;
    const now = Date.now() / 1000;
    const d = entry.plot.data.map((col) => Array.from(col));
    d[0].push(now);
    group.vars.forEach((v, i) => {
      const k = group.scale?.[v] ?? 1;
      const val = LIVE[v]?.(live);
      d[i + 1].push(val === undefined || val === null ? null : val * k);
    });
    entry.plot.setData(d, false);
    entry.plot.setScale('x', { min: from, max: Math.max(to, now) });
  };
  return entry;
}
