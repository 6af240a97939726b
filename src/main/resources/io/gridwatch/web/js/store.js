// The front end's session (who is logged in, what they may do) and the live state of the site, fed by the
// Server-Sent Events stream: UPSes, hosts (with countdowns) and recent events.
// The stream is watched: a lost connection (an error, or no sign of life for LOST_AFTER) marks everything out of
// date at once, then reconnects with growing waits; a reconnect fetches the whole state again (hello), and a
// session that is gone asks to log in again.
import { get } from './api.js';

/** Who is logged in and what they may do; set by app.js at login, read by the views. */
export const session = { user: null, role: null, admin: false, control: false };

const listeners = new Set();
export const state = {
  ups: [],          // summaries, in configuration order
  hosts: [],        // with client report and countdown (seconds as of hostsAt)
  hostsAt: 0,       // Date.now() when hosts were received
  events: [],       // newest first, at most 200
  live: false,      // the stream is open
  lost: false,      // the data shown may be out of date (the stream is down or silent)
  lastData: 0,      // Date.now() of the last message from the server (pings included)
  site: { timezone: Intl.DateTimeFormat().resolvedOptions().timeZone },
};

/** No message for this long (the server pings every 5 s) and the data count as out of date. */
const LOST_AFTER = 12_000;
/** An error that is not mended this quickly marks the data out of date. */
const GRACE = 1_500;

let source = null;
let watchdog = null;
let retry = null;
let backoff = 1000;
let onSessionGone = () => {};

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

function heard() {
  state.lastData = Date.now();
  if (state.lost) {
    state.lost = false;
    changed('live');
  }
}

function markLost() {
  if (!state.lost) {
    state.lost = true;
    changed('live');
    changed('ups');
  }
}

/**
 * Called with a reason when the session ends under the page: a reconnect finds it gone, or a view ended it (a
 * changed password ends every session); the page then asks to log in again.
 */
export function whenSessionGone(fn) {
  onSessionGone = fn;
}

/** Ends the session here, for `reason` (the page shows the login form with it). */
export function sessionEnded(reason) {
  onSessionGone(reason);
}

export function connect() {
  disconnect();
  open();
  watchdog = setInterval(() => {
    const silent = Date.now() - state.lastData;
    if (state.lastData && silent > LOST_AFTER) {
      markLost();
      reopen();
    }
  }, 1000);
}

function open() {
  source = new EventSource('/api/v1/stream');
  source.addEventListener('open', () => { state.live = true; backoff = 1000; changed('live'); });
  source.addEventListener('error', () => {
    state.live = false;
    changed('live');
    setTimeout(() => { if (!state.live) markLost(); }, GRACE);
    reopen();
  });
  source.addEventListener('ping', heard);
  source.addEventListener('hello', (e) => {
    heard();
    const d = JSON.parse(e.data);
    state.ups = d.ups;
    setHosts(d.hosts);
    changed('ups');
  });
  source.addEventListener('ups', (e) => {
    heard();
    const u = JSON.parse(e.data);
    const i = state.ups.findIndex((x) => x.name === u.name);
    const before = i >= 0 ? state.ups[i] : null;
    if (i >= 0) state.ups[i] = u; else state.ups.push(u);
    changed('ups');
    if (!before || before.on_battery !== u.on_battery || before.simulated !== u.simulated) {
      refreshHosts().catch(() => {});
    }
  });
  source.addEventListener('client', (e) => { heard(); setHosts(JSON.parse(e.data)); });
  source.addEventListener('event', (e) => {
    heard();
    state.events.unshift(JSON.parse(e.data));
    state.events.length = Math.min(state.events.length, 200);
    changed('events');
  });
}

/** Closes the stream and tries again after a growing wait (1 s, 2 s ... 30 s), checking the session first. */
function reopen() {
  if (source) source.close();
  source = null;
  if (retry) return;
  retry = setTimeout(async () => {
    retry = null;
    try {
      await get('/api/v1/session');
    } catch (e) {
      if (e.status === 401) { onSessionGone('Your session ended while the server was away; log in again.'); return; }
      backoff = Math.min(backoff * 2, 30_000);
      reopen();
      return;
    }
    open();
  }, backoff);
}

export function disconnect() {
  if (source) source.close();
  source = null;
  clearInterval(watchdog);
  clearTimeout(retry);
  watchdog = null;
  retry = null;
  state.live = false;
  state.lastData = 0;
}

/** A host's countdown now, counted down since it was received. */
export function countdown(host) {
  if (host.countdown === null || host.countdown === undefined) return null;
  return Math.max(0, host.countdown - (Date.now() - state.hostsAt) / 1000);
}

/** The site's power in one line: out of date beats on battery beats drill beats stale data beats grid. */
export function power() {
  if (state.lost) return { kind: 'lost', short: 'Connection lost', text: `Connection lost — last data ${lastDataTime()}` };
  const real = state.ups.filter((u) => u.on_battery && !u.simulated);
  if (real.length) return { kind: 'bad', short: 'On battery', text: `On battery: ${real.map((u) => u.name).join(', ')}` };
  const drill = state.ups.filter((u) => u.simulated || u.drill);
  if (drill.length) return { kind: 'warn', short: 'Drill', text: `Drill in progress: ${drill.map((u) => u.name).join(', ')}` };
  const stale = state.ups.filter((u) => u.availability !== 'ok');
  if (stale.length) return { kind: 'warn', short: 'No fresh data', text: `No fresh data: ${stale.map((u) => u.name).join(', ')}` };
  if (!state.ups.length) return { kind: '', short: 'Connecting', text: 'Connecting…' };
  return { kind: 'ok', short: 'Grid power', text: 'Grid power' };
}

function lastDataTime() {
  if (!state.lastData) return 'none yet';
  return new Intl.DateTimeFormat(undefined, { timeZone: state.site.timezone, hour: '2-digit', minute: '2-digit',
    second: '2-digit', timeZoneName: 'short' }).format(new Date(state.lastData));
}
