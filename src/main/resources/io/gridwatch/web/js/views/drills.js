// Drills (simulated outages) on the UPSes they apply to, and their schedules.
import { h, mount, busy, loadInto, toast, time, zoneName } from '../dom.js';
import { get, post, put, del, enc } from '../api.js';
import { session, state, subscribe } from '../store.js';
import { statusBadges } from './common.js';

const DURATIONS = [['', 'until stopped'], ['30s', '30 seconds'], ['5m', '5 minutes'], ['15m', '15 minutes'],
  ['30m', '30 minutes'], ['1h', '1 hour']];

function drillCard(u) {
  const running = !!u.drill;
  const length = h('select', { 'aria-label': `Drill length on ${u.name}`, dataset: { keep: `drill-length-${u.name}` } },
    DURATIONS.map(([v, t]) => h('option', { value: v }, t)));
  const start = h('button', { type: 'button', class: 'primary', dataset: { action: 'start-drill' } }, 'Start drill');
  start.addEventListener('click', () => busy(start, async () => {
    await post('/api/v1/drills', length.value ? { ups: u.name, duration: length.value } : { ups: u.name });
    toast(`Drill started on ${u.name}`, 'ok');
  }));
  const stop = h('button', { type: 'button', class: 'danger', dataset: { action: 'stop-drill' } }, 'Stop drill');
  stop.addEventListener('click', () => busy(stop, async () => {
    await del(`/api/v1/drills/${enc(u.name)}`);
    toast(`Drill stopped on ${u.name}`, 'ok');
  }));
  return h('article', { class: 'card', dataset: { ups: u.name } },
    h('header', {}, h('h2', {}, u.name), statusBadges(u)),
    running ? h('p', {}, `Running since ${time(u.drill.since)}, started by ${u.drill.by}`,
      u.drill.until ? `; ends ${time(u.drill.until)}` : '') : h('p', { class: 'muted' }, 'No drill running.'),
    session.control ? h('div', { class: 'actions' }, running ? stop : [length, start]) : null);
}

export function drills(root) {
  const cards = h('div', { class: 'grid' });
  const schedules = h('section', { class: 'card' });
  mount(root, h('h1', {}, 'Drills'),
    h('p', { class: 'muted' }, 'A drill makes a UPS without a data port report an outage (ups.simulation true), so you can '
      + 'watch every machine shut down in time. A real outage during a drill takes over at once.'),
    cards, schedules);
  const render = () => {
    const list = state.ups.filter((u) => u.drillable);
    mount(cards, list.length ? list.map(drillCard) : h('p', { class: 'muted' }, 'No UPS here takes drills '
      + '(they apply to sentinel, gpio and command UPSes).'));
  };
  render();
  loadSchedules(schedules);
  return subscribe((what) => { if (what === 'ups' || what === 'live') render(); });
}

function loadSchedules(box) {
  return loadInto(box, async () => {
    const list = await get('/api/v1/schedules');
    return [h('p', { class: 'muted' }, `Times are the site's: ${zoneName()}.`),
      list.length ? h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Name'),
        h('th', {}, 'When'), h('th', {}, 'Next'), h('th', {}))),
      h('tbody', {}, list.map((s) => scheduleRow(s, box))))) : h('p', { class: 'muted' }, 'No schedules.'),
      session.admin ? scheduleForm(box, null) : null];
  }, { above: h('h2', {}, 'Schedules') });
}

function describe(s) {
  const x = s.settings;
  const when = x.date ? x.date : (x.day || 'everyday');
  const what = x.start ? `drill ${x.start}–${x.stop}` : `${x.action} at ${x.time}`;
  return `${when}, ${what}${x.enabled === false ? ' (disabled)' : ''}${x.ups ? ' on ' + [].concat(x.ups).join(', ') : ''}`;
}

function scheduleRow(s, box) {
  const remove = h('button', { type: 'button', class: 'danger' }, 'Delete');
  remove.addEventListener('click', () => busy(remove, async () => {
    await del(`/api/v1/schedules/${enc(s.name)}`);
    loadSchedules(box);
  }));
  return h('tr', {}, h('td', {}, s.name), h('td', {}, describe(s)),
    h('td', {}, s.next ? time(s.next) : h('span', { class: 'muted' }, 'never')),
    h('td', {}, session.admin ? remove : null));
}

function scheduleForm(box) {
  const f = {
    name: h('input', { name: 'name', id: 'schedule-name', required: true, placeholder: 'monthly-test' }),
    ups: h('select', { name: 'ups', id: 'schedule-ups' }, state.ups.filter((u) => u.drillable).map((u) => h('option', { value: u.name }, u.name))),
    day: h('select', { name: 'day', id: 'schedule-day' }, ['everyday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']
      .map((d) => h('option', { value: d }, d))),
    date: h('input', { name: 'date', id: 'schedule-date', type: 'date' }),
    start: h('input', { name: 'start', id: 'schedule-start', placeholder: '03:00' }),
    stop: h('input', { name: 'stop', id: 'schedule-stop', placeholder: '03:20' }),
  };
  const labels = { name: 'Name', ups: 'UPS', day: 'Day (weekly)', date: 'Date (one-time; empty: weekly)',
    start: `Start (${zoneName()})`, stop: 'Stop' };
  const error = h('p', { class: 'error', role: 'alert' });
  const save = h('button', { type: 'submit', class: 'primary' }, 'Add schedule');
  const form = h('form', { class: 'entry', id: 'new-schedule' }, h('h3', {}, 'New schedule (a drill window)'),
    Object.entries(f).map(([k, el]) => h('div', { class: 'field' }, h('label', { for: el.id }, labels[k]), el)), error, save);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { ups: [f.ups.value], start: f.start.value, stop: f.stop.value };
    if (f.date.value) body.date = f.date.value; else body.day = f.day.value;
    busy(save, async () => {
      error.textContent = '';
      await put(`/api/v1/schedules/${enc(f.name.value)}`, body);
      toast(`Schedule ${f.name.value} saved`, 'ok');
      loadSchedules(box);
    }, (err) => {
      error.textContent = err.field ? `${err.field}: ${err.message}` : err.message;
      if (err.field && f[err.field]) f[err.field].setAttribute('aria-invalid', 'true');
    });
  });
  return form;
}
