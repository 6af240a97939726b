// UPS pages: the list, and one UPS with every variable, the writable ones editable, and its instant commands.
import { h, mount, busy, toast } from '../dom.js';
import { get, put, post, enc } from '../api.js';
import { state, subscribe } from '../store.js';
import { session } from '../app.js';
import { statusBadges, gauges } from './common.js';
import { historySection } from './charts.js';
import { energySection } from './energy.js';

export function upsList(root) {
  const render = () => mount(root, h('h1', {}, 'UPS'), h('div', { class: 'grid' }, state.ups.map((u) =>
    h('article', { class: 'card' },
      h('header', {}, h('h2', {}, h('a', { href: `#/ups/${enc(u.name)}` }, u.name)), statusBadges(u)),
      h('div', { class: 'muted' }, u.description || ''), gauges(u)))));
  render();
  return subscribe((what) => { if (what === 'ups') render(); });
}

const DANGEROUS = /^(load\.off|shutdown\.|load\.on\.delay|shutdown)/;

export function upsDetail(root, name) {
  let u = null;
  const top = h('div');
  const body = h('div', {}, h('p', { class: 'muted' }, h('span', { class: 'spin' }), 'Loading…'));
  mount(root, h('p', {}, h('a', { href: '#/ups' }, '← all UPS')), top, body);
  const header = () => {
    const live = state.ups.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (live) mount(top, h('section', { class: 'card' }, h('header', {}, h('h1', {}, live.name), statusBadges(live)),
      h('div', { class: 'muted' }, live.description || ''), gauges(live),
      h('p', { class: 'reports' }, 'Reports: ', ['day', 'week', 'month'].map((p) =>
        h('a', { href: `/api/v1/ups/${enc(live.name)}/report?period=${p}`, target: '_blank', rel: 'noopener' }, p)))));
  };
  const load = async () => {
    try {
      u = await get(`/api/v1/ups/${enc(name)}`);
      render();
    } catch (e) {
      mount(body, h('p', { class: 'error' }, e.message));
    }
  };
  let history = null;
  const render = () => {
    history?.dispose?.();
    history = historySection(u);
    mount(body, history, energySection(u),
      session.control ? rwSection(u, load) : null,
      session.control ? commandSection(u) : null,
      variablesSection(u));
  };
  header();
  load();
  const off = subscribe((what) => { if (what === 'ups') header(); });
  return () => { off(); history?.dispose?.(); };
}

function variablesSection(u) {
  const filter = h('input', { type: 'search', placeholder: 'Filter variables', 'aria-label': 'Filter variables' });
  const rows = Object.entries(u.variables).map(([k, v]) => h('tr', { dataset: { name: k } }, h('td', {}, h('code', {}, k)), h('td', {}, v)));
  const tbody = h('tbody', {}, rows);
  filter.addEventListener('input', () => {
    const q = filter.value.toLowerCase();
    for (const r of rows) r.hidden = q && !r.dataset.name.includes(q);
  });
  return h('section', { class: 'card' }, h('h2', {}, 'Variables'), filter,
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Value'))), tbody));
}

function rwSection(u, reload) {
  if (!u.rw.length) return null;
  return h('section', { class: 'card' }, h('h2', {}, 'Settings (SET VAR)'),
    h('table', {}, h('tbody', {}, u.rw.map((v) => rwRow(u, v, reload)))));
}

function rwRow(u, v, reload) {
  const input = v.enum.length
    ? h('select', { 'aria-label': v.name }, v.enum.map((x) => h('option', { value: x, selected: x === v.value }, x)))
    : h('input', { value: v.value, 'aria-label': v.name, maxlength: v.max_length ?? undefined,
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
      b.addEventListener('click', () => {
        if (DANGEROUS.test(c) && !confirm(`Run ${c} on ${u.name}? This can cut power to its load.`)) return;
        busy(b, async () => {
          const r = await post(`/api/v1/ups/${enc(u.name)}/commands/${enc(c)}`, {});
          toast(`${c}: ${r.tracking}`, 'ok');
        });
      });
      return b;
    })));
}
