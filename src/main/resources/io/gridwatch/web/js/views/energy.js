// Energy on the UPS page: kWh, cost and CO2 per day (or month), against the period before.
import { h, loadInto, siteZone } from '../dom.js';
import { get, enc } from '../api.js';

const fmt = (v, d = 2) => (v ?? 0).toLocaleString(undefined, { minimumFractionDigits: d, maximumFractionDigits: d });

export function energySection(u) {
  if (!('ups.realpower' in u.variables) && !('ups.load' in u.variables && 'ups.realpower.nominal' in u.variables)) return null;
  let unit = 'day';
  const body = h('div');
  const buttons = [['day', 'Last 7 days'], ['month', 'Last 12 months']].map(([k, label]) =>
    h('button', { type: 'button', class: 'chip', dataset: { unit: k } }, label));
  const section = h('section', { class: 'card energy' }, h('header', {}, h('h2', {}, 'Energy'),
    h('div', { class: 'ranges', role: 'group', 'aria-label': 'Energy period' }, buttons)), body);
  const load = () => {
    buttons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.unit === unit)));
    return loadInto(body, async () => {
      const e = await get(`/api/v1/ups/${enc(u.name)}/energy?unit=${unit}&count=${unit === 'day' ? 7 : 12}`);
      const label = (iso) => new Date(iso).toLocaleDateString(undefined, unit === 'day'
        ? { weekday: 'short', day: 'numeric', month: 'short', timeZone: siteZone() }
        : { month: 'long', year: 'numeric', timeZone: siteZone() });
      const change = e.change_percent === null ? '' : ` (${e.change_percent > 0 ? '+' : ''}${fmt(e.change_percent, 1)} % against the period before)`;
      return [
        h('p', {}, h('strong', {}, `${fmt(e.total.kwh)} kWh`), ` · ${fmt(e.total.cost)} ${e.currency} · ${fmt(e.total.co2_kg)} kg CO₂`,
          h('span', { class: 'muted' }, change)),
        h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, ['Period', 'kWh', `Cost (${e.currency})`, 'CO₂ (kg)', 'Measured'].map((x) => h('th', {}, x)))),
          h('tbody', {}, e.periods.map((p) => h('tr', { dataset: { start: p.start } },
            h('td', {}, label(p.start)), h('td', {}, fmt(p.kwh, 3)), h('td', {}, fmt(p.cost)), h('td', {}, fmt(p.co2_kg)),
            h('td', { class: 'muted' }, `${Math.round(p.coverage * 100)} %`)))))),
        h('p', { class: 'muted' }, `From ${e.source}.`)];
    }, { label: 'Loading energy…' });
  };
  buttons.forEach((b) => b.addEventListener('click', () => { unit = b.dataset.unit; load(); }));
  load();
  return section;
}
