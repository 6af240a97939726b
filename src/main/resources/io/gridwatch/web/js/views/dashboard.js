// The overview: every UPS with its gauges and sentinels, every host with its countdown and a Wake button.
import { h, mount, ago, clock } from '../dom.js';
import { enc } from '../api.js';
import { session, state, subscribe } from '../store.js';
import { statusBadges, gauges, hostState, countdownCell, tickCountdowns, readings, wakeButton } from './common.js';

function upsCard(u) {
  return h('article', { class: 'card ups-card', dataset: { ups: u.name } },
    h('header', {}, h('h2', {}, h('a', { href: `#/ups/${enc(u.name)}` }, u.name)), statusBadges(u)),
    u.description ? h('div', { class: 'muted' }, u.description) : null,
    gauges(u),
    readings(u),
    state.lost ? null : h('div', { class: 'muted' }, 'ups.status: ', h('code', {}, u.status ?? '–'),
      u.on_battery_since ? ` · on battery since ${clock(u.on_battery_since)}` : ''),
    u.drill && !state.lost ? h('div', { class: 'muted' }, `Drill by ${u.drill.by}`) : null,
    u.sensors.length ? sensors(u.sensors) : null);
}

function sensors(list) {
  if (state.lost) return h('p', { class: 'muted' }, `${list.length} sentinel(s): state unknown while the connection is lost`);
  return h('table', { class: 'sensors' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Sentinel'), h('th', { class: 'num' }, 'RTT'), h('th', { class: 'hide-small' }, 'Since'))),
    h('tbody', {}, list.map((x) => h('tr', {},
      h('td', { title: x.last_error || x.target }, h('span', { class: `dot ${x.state}` }), x.name,
        h('span', { class: 'muted hide-small' }, ` ${x.target}`)),
      h('td', { class: 'num' }, x.rtt_ms == null ? '–' : `${x.rtt_ms.toFixed(1)} ms`),
      h('td', { class: 'hide-small muted' }, x.state === 'unknown' ? 'not known yet' : `${x.state} ${ago(x.since)}`)))));
}

function hostsTable() {
  if (!state.hosts.length) return h('p', { class: 'muted' }, 'No hosts configured.');
  return h('div', { class: 'table-wrap' }, h('table', { class: 'hosts' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Host'), h('th', { class: 'hide-small' }, 'UPS'), h('th', {}, 'State'),
      h('th', { class: 'num' }, 'Shutdown in'), h('th', {}))),
    h('tbody', {}, state.hosts.map((x) => h('tr', { dataset: { host: x.name } },
      h('td', {}, x.display_name || x.name, h('div', { class: 'muted hide-small' }, x.address || '')),
      h('td', { class: 'hide-small' }, x.ups),
      h('td', {}, hostState(x)),
      h('td', { class: 'num' }, countdownCell(x)),
      h('td', {}, x.mac && session.control ? wakeButton(x) : null))))));
}

export function dashboard(root) {
  const render = () => mount(root,
    h('div', { class: 'grid' }, state.ups.map(upsCard)),
    h('section', { class: 'card' }, h('h2', {}, 'Protected hosts'), hostsTable()));
  render();
  const off = subscribe((what) => { if (what === 'ups' || what === 'hosts' || what === 'live') render(); });
  const stop = tickCountdowns(() => state.hosts);
  return () => { off(); stop(); };
}
