// Pieces shared by several views: status badges, gauges, host state, countdown cells, the Wake button.
import { h, s, busy, duration, clock, toast } from '../dom.js';
import { post, enc } from '../api.js';
import { countdown, state } from '../store.js';

/** A UPS's state in badges; while the connection is lost, only that it is out of date (nothing shown as current). */
export function statusBadges(u) {
  if (state.lost) {
    return h('div', { class: 'badges' }, h('span', { class: 'badge lost', title: 'the connection to the server is lost' },
      `out of date (as of ${clock(new Date(state.lastData || Date.now()).toISOString())})`));
  }
  const out = [];
  if (u.availability !== 'ok') out.push(h('span', { class: 'badge warn' }, u.availability.replace('-', ' ')));
  if (u.fsd) out.push(h('span', { class: 'badge bad' }, 'FSD'));
  if (u.on_battery) out.push(h('span', { class: `badge ${u.simulated ? 'warn' : 'bad'}` }, 'On battery'));
  else if (u.flags.includes('OL')) out.push(h('span', { class: 'badge ok' }, 'On line'));
  if (u.low_battery) out.push(h('span', { class: 'badge bad' }, 'Low battery'));
  if (u.flags.includes('CHRG')) out.push(h('span', { class: 'badge info' }, 'Charging'));
  if (u.simulated || u.drill) out.push(h('span', { class: 'badge warn' }, 'Drill'));
  return h('div', { class: 'badges' }, out);
}

/** A half-circle gauge; `ratio` 0..1, `level` '', 'warn' or 'bad'. */
export function gauge(label, text, ratio, level = '') {
  const r = 40, c = Math.PI * r;
  const v = Math.max(0, Math.min(1, ratio ?? 0));
  return h('div', { class: 'gauge' },
    s('svg', { viewBox: '0 0 100 56', role: 'img', 'aria-label': `${label} ${text}` },
      s('path', { d: 'M10 50 A40 40 0 0 1 90 50', class: 'track', fill: 'none', 'stroke-width': 10 }),
      s('path', { d: 'M10 50 A40 40 0 0 1 90 50', class: `fill ${level}`, fill: 'none', 'stroke-width': 10,
        'stroke-dasharray': `${c * v} ${c}` })),
    h('div', { class: 'value' }, text),
    h('div', { class: 'label' }, label));
}

export function gauges(u) {
  const b = u.battery || {};
  const charge = b.charge;
  const low = b.charge_low ?? 20;
  const runtimeLow = b.runtime_low ?? 300;
  return h('div', { class: 'gauges' },
    gauge('charge', charge == null ? '–' : `${charge}%`, charge == null ? 0 : charge / 100,
      charge != null && charge <= low ? 'bad' : u.on_battery ? 'warn' : ''),
    gauge('runtime', b.runtime == null ? '–' : duration(b.runtime),
      b.runtime == null ? 0 : Math.min(1, b.runtime / Math.max(runtimeLow * 6, 1)),
      b.runtime != null && b.runtime <= runtimeLow ? 'bad' : ''),
    gauge('load', u.load == null ? '–' : `${u.load}%`, u.load == null ? 0 : u.load / 100,
      u.load != null && u.load >= 80 ? 'warn' : ''));
}

/** What the UPS measures, with units; only what it reports. */
const READINGS = [
  ['input_voltage', 'Input', (v) => `${v} V`], ['output_voltage', 'Output', (v) => `${v} V`],
  ['realpower', 'Power', (v) => `${v} W`], ['power', 'Apparent power', (v) => `${v} VA`],
  ['input_frequency', 'Frequency', (v) => `${v} Hz`], ['output_frequency', 'Output frequency', (v) => `${v} Hz`],
  ['temperature', 'Temperature', (v) => `${v} °C`], ['battery_voltage', 'Battery', (v) => `${v} V`],
  ['self_test', 'Last self-test', (v) => v], ['battery_date', 'Battery installed', (v) => v],
];

export function readings(u) {
  const r = u.readings || {};
  const rows = READINGS.filter(([k]) => r[k] !== undefined && r[k] !== null && r[k] !== '');
  if (!rows.length) return null;
  return h('dl', { class: 'readings' }, rows.map(([k, label, fmt]) => [h('dt', {}, label),
    h('dd', { dataset: { reading: k } }, fmt(r[k]))]));
}

/** A host's state: what it reported, marked stale/offline, or what the server did. */
export function hostState(host) {
  const c = host.client;
  if (!c) return h('span', { class: 'badge' }, 'no report');
  if (c.offline) return h('span', { class: 'badge bad' }, 'offline');
  const kind = { online: 'ok', shutdown_pending: 'warn', shutting_down: 'bad', wol_sent: 'info', awake: 'ok',
    wol_failed: 'bad', shut_down: 'info', shutdown_failed: 'bad' }[c.state] || '';
  return h('span', { class: 'badges' },
    h('span', { class: `badge ${kind}`, title: `reported ${c.reported_at}` }, c.state.replaceAll('_', ' ')),
    c.stale ? h('span', { class: 'badge warn', title: 'no report for a while' }, 'stale') : null,
    c.note ? h('span', { class: 'muted small note' }, c.note) : null);
}

export function countdownCell(host) {
  const left = countdown(host);
  return h('span', { class: left === null ? 'muted' : 'countdown', dataset: { countdown: host.name } },
    left === null ? '–' : duration(left));
}

/** Updates every countdown cell on the page once a second; returns the stopper. */
export function tickCountdowns(hostsOf) {
  const timer = setInterval(() => {
    for (const el of document.querySelectorAll('[data-countdown]')) {
      const host = hostsOf().find((x) => x.name === el.dataset.countdown);
      const left = host ? countdown(host) : null;
      el.textContent = left === null ? '–' : duration(left);
    }
  }, 1000);
  return () => clearInterval(timer);
}

/** Sends a Wake-on-LAN packet to `host`, saying whether it went (a host the server knows is up gets none). */
export function wakeButton(host) {
  const b = h('button', { type: 'button', title: `Wake-on-LAN to ${host.mac}` }, 'Wake');
  b.addEventListener('click', () => busy(b, async () => {
    const r = await post(`/api/v1/hosts/${enc(host.name)}/wake`);
    if (r && r.sent === false) toast(`${host.display_name || host.name}: no packet sent, ${r.reason}`, 'info');
    else toast(`Magic packet sent to ${host.display_name || host.name}`, 'ok');
  }));
  return b;
}

/**
 * The dry run of an agentless host's shutdown: the server connects, checks the host key and logs in over SSH, then
 * logs out without opening a session, so nothing runs on the host.
 */
export function sshCheckButton(host) {
  const b = h('button', { type: 'button', title: `Log in to ${host.ssh.user}@${host.address} without running `
    + `'${host.ssh.command}'` }, 'Check SSH');
  b.addEventListener('click', () => busy(b, async () => {
    const r = await post(`/api/v1/hosts/${enc(host.name)}/ssh-check`);
    const name = host.display_name || host.name;
    if (r.ok) toast(`${name}: ${r.detail}`, 'ok');
    else toast(`${name}: SSH check failed: ${r.detail}`, 'bad');
  }));
  return b;
}
