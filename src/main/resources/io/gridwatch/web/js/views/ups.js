// UPS pages: the list, and one UPS with every variable, the writable ones editable, and its instant commands.
import { h, mount, act, busy, clock, loadInto, toast, siteZone } from '../dom.js';
import { get, put, post, enc } from '../api.js';
import { session, state, subscribe } from '../store.js';
import { statusBadges, gauges, readings } from './common.js';
import { historySection } from './charts.js';
import { energySection } from './energy.js';

export function upsList(root) {
  const render = () => mount(root, h('h1', {}, 'UPS'), h('div', { class: 'grid' }, state.ups.map((u) =>
    h('article', { class: 'card', dataset: { ups: u.name } },
      h('header', {}, h('h2', {}, h('a', { href: `#/ups/${enc(u.name)}` }, u.name)), statusBadges(u)),
      h('div', { class: 'muted' }, u.description || ''), gauges(u), readings(u)))));
  render();
  return subscribe((what) => { if (what === 'ups' || what === 'live') render(); });
}

const REPORTS = [['today', 'Today'], ['24h', 'Last 24 h'], ['7d', 'Last 7 days'], ['30d', 'Last 30 days'],
  ['day', 'Yesterday'], ['week', 'Last week'], ['month', 'Last month']];

function reportLinks(name) {
  const base = `/api/v1/ups/${enc(name)}/report`;
  const from = h('input', { type: 'date', id: 'report-from', 'aria-label': 'Report from (date)' });
  const to = h('input', { type: 'date', id: 'report-to', 'aria-label': 'Report to (date, included)' });
  const open = h('button', { type: 'submit' }, 'Open');
  const form = h('form', { class: 'inline-form', id: 'report-range' }, 'Custom: ', from, ' to ', to, ' ', open);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!from.value || !to.value) { toast('Choose both dates', 'bad'); return; }
    const start = zonedMidnight(from.value);
    const end = zonedMidnight(to.value, 1);
    window.open(`${base}?from=${enc(start)}&to=${enc(end)}`, '_blank', 'noopener');
  });
  return h('div', { class: 'reports' }, h('span', {}, `Reports (${siteZone()}): `),
    REPORTS.map(([p, label]) => h('a', { href: `${base}?period=${p}`, target: '_blank', rel: 'noopener' }, label)),
    form);
}

/** Midnight of a date (plus `days`) in the site's zone, as an ISO instant. */
function zonedMidnight(date, days = 0) {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d + days);
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: siteZone(), hour12: false, year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(guess));
  const get = (t) => Number(parts.find((p) => p.type === t).value);
  const shown = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'));
  return new Date(guess - (shown - guess)).toISOString();
}

const DANGEROUS = /^(load\.off|shutdown\.|load\.on\.delay|shutdown)/;

export function upsDetail(root, name) {
  let u = null;
  const top = h('div');
  const body = h('div');
  mount(root, h('p', {}, h('a', { href: '#/ups' }, '← all UPS')), top, body);
  const header = () => {
    const live = state.ups.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (live) mount(top, h('section', { class: 'card', dataset: { ups: live.name } },
      h('header', {}, h('h1', {}, live.name), statusBadges(live)),
      h('div', { class: 'muted' }, live.description || ''), gauges(live), readings(live), reportLinks(live.name)));
  };
  const load = () => loadInto(body, async () => {
    u = await get(`/api/v1/ups/${enc(name)}`);
    return sections();
  });
  // the variables follow the UPS: fetched again (at most every 1.5 s) when its summary changes
  let pending = null;
  const refreshVariables = () => {
    if (pending) return;
    pending = setTimeout(async () => {
      pending = null;
      try {
        const fresh = await get(`/api/v1/ups/${enc(name)}`);
        u = fresh;
        variables?.update(fresh);
      } catch (e) {
        variables?.failed(e); // the next change tries again; until then the table says it is not current
      }
    }, 1500);
  };
  let variables = null;
  let history = null;
  const sections = () => {
    history?.dispose?.();
    history = historySection(u);
    variables = variablesSection(u);
    return [history, energySection(u), session.control ? rwSection(u, load) : null,
      session.control ? commandSection(u) : null, variables.el];
  };
  header();
  load();
  const off = subscribe((what) => {
    if (what === 'ups' || what === 'live') header();
    if (what === 'ups' && u) refreshVariables();
  });
  return () => { off(); clearTimeout(pending); history?.dispose?.(); };
}

/**
 * Every variable, live: values change in place, rows come and go, the filter stays. A refresh that fails says so
 * above the table, with the time of the values still shown.
 */
function variablesSection(u) {
  const note = h('p', { class: 'error', role: 'alert', hidden: true });
  let asOf = new Date().toISOString();
  const filter = h('input', { type: 'search', id: 'variable-filter', placeholder: 'Filter variables',
    'aria-label': 'Filter variables' });
  const tbody = h('tbody');
  const rows = new Map();
  const apply = () => {
    const q = filter.value.toLowerCase();
    for (const [k, r] of rows) r.hidden = !!q && !k.includes(q);
  };
  const update = (fresh) => {
    const vars = fresh.variables || {};
    for (const [k, r] of rows) if (!(k in vars)) { r.remove(); rows.delete(k); }
    for (const [k, v] of Object.entries(vars)) {
      let r = rows.get(k);
      if (!r) {
        r = h('tr', { dataset: { name: k } }, h('td', {}, h('code', {}, k)), h('td', { class: 'value' }));
        rows.set(k, r);
        tbody.append(r);
      }
      const cell = r.querySelector('.value');
      if (cell.textContent !== v) cell.textContent = v;
    }
    asOf = new Date().toISOString();
    note.hidden = true;
    tbody.classList.remove('out-of-date');
    apply();
  };
  const failed = (e) => {
    note.textContent = `Not refreshed: ${e.message}. The values below are as of ${clock(asOf)}.`;
    note.hidden = false;
    tbody.classList.add('out-of-date');
  };
  filter.addEventListener('input', apply);
  update(u);
  const el = h('section', { class: 'card variables' }, h('h2', {}, 'Variables'), note, filter,
    h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Value'))),
      tbody)));
  return { el, update, failed };
}

function rwSection(u, reload) {
  if (!u.rw.length) return null;
  return h('section', { class: 'card' }, h('h2', {}, 'Settings (SET VAR)'),
    h('div', { class: 'table-wrap' }, h('table', {}, h('tbody', {}, u.rw.map((v) => rwRow(u, v, reload))))));
}

function rwRow(u, v, reload) {
  const input = v.enum.length
    ? h('select', { 'aria-label': v.name, dataset: { keep: `rw-${v.name}` } },
      v.enum.map((x) => h('option', { value: x, selected: x === v.value }, x)))
    : h('input', { value: v.value, 'aria-label': v.name, dataset: { keep: `rw-${v.name}` }, maxlength: v.max_length ?? undefined,
      inputmode: v.type === 'number' ? 'numeric' : undefined });
  const error = h('div', { class: 'error' });
  const hint = v.ranges.length ? v.ranges.map((r) => `${r.min}–${r.max}`).join(', ') : v.max_length ? `up to ${v.max_length} characters` : '';
  const save = h('button', { type: 'button' }, 'Set');
  save.addEventListener('click', () => busy(save, async () => {
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    await put(`/api/v1/ups/${enc(u.name)}/variables/${enc(v.name)}`, { value: input.value });
    toast(`${v.name} set to ${input.value}`, 'ok');
    reload();
  }, (e) => { error.textContent = e.message; input.setAttribute('aria-invalid', 'true'); }));
  return h('tr', {}, h('td', {}, h('code', {}, v.name), h('div', { class: 'muted' }, hint)),
    h('td', {}, input, error), h('td', {}, save));
}

function commandSection(u) {
  if (!u.commands.length) return null;
  return h('section', { class: 'card' }, h('h2', {}, 'Instant commands'),
    h('div', { class: 'actions' }, u.commands.map((c) => {
      const b = h('button', { type: 'button', class: DANGEROUS.test(c) ? 'danger' : '' }, c);
      b.addEventListener('click', () => act(b, async () => {
        const r = await post(`/api/v1/ups/${enc(u.name)}/commands/${enc(c)}`, {});
        toast(`${c}: ${r.tracking}`, 'ok');
      }, { question: DANGEROUS.test(c) ? `Run ${c} on ${u.name}? This can cut power to its load.` : null }));
      return b;
    })));
}
