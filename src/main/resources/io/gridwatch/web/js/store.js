// Live state of the site, fed by the Server-Sent Events stream: UPSes, hosts (with countdowns) and recent events.
import { get } from './api.js';

const listeners = new Set();
export const state = {
  ups: [],          // summaries, in configuration order
  hosts: [],        // with client report and countdown (seconds as of hostsAt)
  hostsAt: 0,       // Date.now() when hosts were received
  events: [],       // newest first, at most 200
  live: false,
};

let source = null;

export function subscribe(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function changed(what) {
  for (const fn of listeners) fn(what);
}

function setHosts(hosts) {
  state.hosts = hosts;
  state.hostsAt = Date.now();
  changed('hosts');
}

export async function refreshHosts() {
  setHosts(await get('/api/v1/hosts'));
}

export function connect() {
  if (source) source.close();
  source = new EventSource('/api/v1/stream');
  source.addEventListener('open', () => { state.live = true; changed('live'); });
  source.addEventListener('error', () => { state.live = false; changed('live'); });
  source.addEventListener('hello', (e) => {
    const d = JSON.parse(e.data);
    state.ups = d.ups;
    setHosts(d.hosts);
    changed('ups');
  });
  source.addEventListener('ups', (e) => {
    const u = JSON.parse(e.data);
    const i = state.ups.findIndex((x) => x.name === u.name);
    const before = i >= 0 ? state.ups[i] : null;
    if (i >= 0) state.ups[i] = u; else state.ups.push(u);
    changed('ups');
    if (!before || before.on_battery !== u.on_battery || before.simulated !== u.simulated) {
      refreshHosts().catch(() => {});
    }
  });
  source.addEventListener('client', (e) => setHosts(JSON.parse(e.data)));
  source.addEventListener('event', (e) => {
    state.events.unshift(JSON.parse(e.data));
    state.events.length = Math.min(state.events.length, 200);
    changed('events');
  });
}

export function disconnect() {
  if (source) source.close();
  source = null;
  state.live = false;
}

/** A host's countdown now, counted down since it was received. */
export function countdown(host) {
  if (host.countdown === null || host.countdown === undefined) return null;
  return Math.max(0, host.countdown - (Date.now() - state.hostsAt) / 1000);
}

/** The site's power in one line: on battery beats drill beats stale beats grid. */
export function power() {
  const real = state.ups.filter((u) => u.on_battery && !u.simulated);
  if (real.length) return { kind: 'bad', text: `On battery: ${real.map((u) => u.name).join(', ')}` };
  const drill = state.ups.filter((u) => u.simulated || u.drill);
  if (drill.length) return { kind: 'warn', text: `Drill in progress: ${drill.map((u) => u.name).join(', ')}` };
  const stale = state.ups.filter((u) => u.availability !== 'ok');
  if (stale.length) return { kind: 'warn', text: `No fresh data: ${stale.map((u) => u.name).join(', ')}` };
  if (!state.ups.length) return { kind: '', text: 'Connecting…' };
  return { kind: 'ok', text: 'Grid power' };
}
