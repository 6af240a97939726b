// Events: newest first, filtered by UPS, type and level, older pages on demand, new ones as they happen.
import { h, mount, busy, loadInto, time, toast, zoneName } from '../dom.js';
import { get, post } from '../api.js';
import { session, state, subscribe } from '../store.js';

export function events(root) {
  const ups = h('select', { 'aria-label': 'UPS' }, h('option', { value: '' }, 'every UPS'),
    state.ups.map((u) => h('option', { value: u.name }, u.name)));
  const type = h('select', { 'aria-label': 'Type' }, ['', 'status', 'sensor', 'drill-started', 'drill-stopped', 'client',
    'client-stale', 'wake-planned', 'wake-sent', 'host-awake', 'wake-failed', 'wake-cancelled', 'wake-finished',
    'command-requested', 'command', 'comm-lost', 'comm-restored', 'fsd', 'fsd-released', 'config'].map((t) => h('option', { value: t }, t || 'every type')));
  const level = h('select', { 'aria-label': 'Level' }, h('option', { value: '' }, 'every level'),
    h('option', { value: 'warning' }, 'warnings'), h('option', { value: 'info' }, 'info'));
  const archive = h('input', { type: 'checkbox', 'aria-label': 'Archive' });
  const csv = h('a', { class: 'csv', download: 'gridwatch-events.csv', hidden: true }, 'Export CSV');
  const tbody = h('tbody');
  const more = h('button', { type: 'button' }, 'Older events');
  let next = null;

  const ackAll = h('button', { type: 'button', hidden: true, dataset: { action: 'ack-selected' } }, 'Acknowledge selected');
  const selectAll = h('input', { type: 'checkbox', id: 'select-all-events', 'aria-label': 'Select every unacknowledged event shown' });
  const picked = () => [...tbody.querySelectorAll('input[data-pick]:checked')].map((x) => Number(x.dataset.pick));
  const refreshAckAll = () => { ackAll.hidden = !archive.checked || !session.control || !picked().length; };
  selectAll.addEventListener('change', () => {
    for (const x of tbody.querySelectorAll('input[data-pick]')) x.checked = selectAll.checked;
    refreshAckAll();
  });
  ackAll.addEventListener('click', () => busy(ackAll, async () => {
    const ids = picked();
    const r = await post('/api/v1/events/archive/ack', { ids });
    await load();
    toast(`${r.acknowledged.length} event(s) acknowledged`, 'ok');
  }));
  const pickCell = (e) => {
    if (!archive.checked || !session.control) return null;
    if (e.acknowledged_at) return h('td');
    const box = h('input', { type: 'checkbox', dataset: { pick: e.id }, 'aria-label': `Select event ${e.id}` });
    box.addEventListener('change', refreshAckAll);
    return h('td', {}, box);
  };
  const ackCell = (e) => {
    if (!archive.checked) return null;
    if (e.acknowledged_at) return h('td', { class: 'muted' }, `acknowledged by ${e.acknowledged_by}`);
    if (!session.control) return h('td');
    const b = h('button', { type: 'button', class: 'small', dataset: { ack: e.id } }, 'Acknowledge');
    const cell = h('td', {}, b);
    b.addEventListener('click', () => busy(b, async () => {
      const done = await post(`/api/v1/events/archive/${e.id}/ack`, {});
      mount(cell, h('span', { class: 'muted' }, `acknowledged by ${done.acknowledged_by}`));
      const pick = cell.closest('tr')?.querySelector('input[data-pick]');
      if (pick) pick.remove();
      refreshAckAll();
    }));
    return cell;
  };
  const row = (e) => h('tr', { class: `event ${e.level}`, dataset: { id: e.id } }, pickCell(e), h('td', {}, time(e.at)), h('td', {}, e.ups || 'site'),
    h('td', {}, h('span', { class: `badge ${e.level === 'warning' ? 'warn' : ''}` }, e.type)), h('td', {}, e.message), ackCell(e));
  const query = (before) => {
    const p = new URLSearchParams({ limit: '50' });
    if (ups.value) p.set('ups', ups.value);
    if (type.value) p.set('type', type.value);
    if (level.value) p.set('level', level.value);
    if (before) p.set('before', before);
    const base = archive.checked ? '/api/v1/events/archive' : '/api/v1/events';
    const all = new URLSearchParams(p); all.delete('limit'); all.delete('before'); all.set('format', 'csv');
    csv.href = `/api/v1/events/archive?${all}`;
    csv.hidden = !archive.checked;
    return `${base}?${p}`;
  };
  /** A page of rows: the first (the filters as they are now) or the next older one. */
  const page = async (older) => {
    const got = await get(query(older ? next : null));
    next = got.next;
    more.hidden = next === null;
    return got.items.map(row);
  };
  const load = async () => {
    head.replaceChildren(...headCells());
    selectAll.checked = false;
    const ok = await loadInto(tbody, () => page(false), { cols: 6 });
    if (!ok) more.hidden = true;
    refreshAckAll();
  };
  more.addEventListener('click', () => busy(more, async () => { tbody.append(...await page(true)); refreshAckAll(); }));
  for (const f of [ups, type, level, archive]) f.addEventListener('change', load);
  const head = h('tr');
  const headCells = () => [archive.checked && session.control ? h('th', {}, selectAll) : null,
    h('th', {}, `When (${zoneName()})`), h('th', {}, 'UPS'), h('th', {}, 'Type'), h('th', {}, 'What'),
    archive.checked ? h('th', {}, 'Acknowledged') : null].filter((x) => x);
  head.replaceChildren(...headCells());
  mount(root, h('h1', {}, 'Events'), h('div', { class: 'filters' }, ups, type, level,
    h('label', {}, archive, ' Archive (kept across restarts)'), csv, ackAll),
    h('section', { class: 'card' }, h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, head), tbody)),
      h('div', { class: 'actions' }, more)));
  load();
  return subscribe((what) => {
    if (what !== 'events' || archive.checked) return;
    const e = state.events[0];
    if ((ups.value && e.ups !== ups.value) || (type.value && e.type !== type.value) || (level.value && e.level !== level.value)) return;
    tbody.prepend(row(e));
  });
}

