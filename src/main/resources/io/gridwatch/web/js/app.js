// Boot, login, navigation and the header. Views live in ./views/; they import from here nothing, from store.js
// the session and the live state.
import { get, post, setCsrf, whenUnauthorized } from './api.js';
import { h, mount, toast, setZone } from './dom.js';
import { connect, disconnect, power, session, state, subscribe, whenSessionGone } from './store.js';
import { account } from './views/account.js';
import { dashboard } from './views/dashboard.js';
import { upsList, upsDetail } from './views/ups.js';
import { drills } from './views/drills.js';
import { hosts } from './views/hosts.js';
import { events } from './views/events.js';
import { settings } from './views/settings.js';
import { users } from './views/users.js';
import { notifications } from './views/notify.js';

const view = () => document.getElementById('view');
let cleanup = null;

const routes = [
  [/^#?\/?$/, dashboard, () => 'Dashboard'],
  [/^#\/ups$/, upsList, () => 'UPS'],
  [/^#\/ups\/(.+)$/, upsDetail, (name) => `UPS ${name}`],
  [/^#\/drills$/, drills, () => 'Drills'],
  [/^#\/hosts$/, hosts, () => 'Hosts'],
  [/^#\/events$/, events, () => 'Events'],
  [/^#\/notifications$/, notifications, () => 'Notifications'],
  [/^#\/settings$/, settings, () => 'Settings'],
  [/^#\/users$/, users, () => 'Users'],
  [/^#\/account$/, account, () => 'Your account'],
];
let pageTitle = 'Dashboard';

function route() {
  if (!session.user) return;
  if (cleanup) { cleanup(); cleanup = null; }
  const hash = location.hash || '#/';
  for (const a of document.querySelectorAll('#nav a')) {
    const target = a.getAttribute('href');
    a.classList.toggle('active', target === '#/' ? hash === '#/' : hash.startsWith(target));
  }
  for (const [re, render, title] of routes) {
    const m = hash.match(re);
    if (m) {
      const args = m.slice(1).map(decodeURIComponent);
      pageTitle = title(...args);
      banner();
      const out = render(view(), ...args);
      cleanup = typeof out === 'function' ? out : null;
      return;
    }
  }
  mount(view(), h('p', {}, 'No such page. ', h('a', { href: '#/' }, 'Dashboard')));
}

function banner() {
  if (!session.user) return;
  const p = power();
  const b = document.getElementById('banner');
  b.className = `banner ${p.kind}`;
  b.textContent = p.text;
  document.body.classList.toggle('stale', state.lost);
  const live = document.getElementById('live');
  live.classList.toggle('on', state.live && !state.lost);
  live.title = state.lost ? 'Connection lost: reconnecting' : state.live ? 'Live updates' : 'Connecting';
  document.title = `${p.short} · ${pageTitle} · Gridwatch`;
}

/**
 * Where this server stands in its site (two or more servers sharing PostgreSQL), asked every 5 s: which one leads,
 * or that this one is cut off from the shared database. Hidden for a server alone. An answer that cannot be had
 * says so instead of keeping the last one.
 */
let siteTimer = null;
async function siteRole() {
  const el = document.getElementById('site');
  try {
    const s = await get('/api/v1/site');
    if (s.role === 'alone') { el.hidden = true; return; }
    el.hidden = false;
    el.classList.toggle('warn', s.role === 'no_database');
    if (s.role === 'leader') {
      el.textContent = `Site: ${s.server} leads`;
      el.title = 'This server sends the notifications, Wake-on-LAN packets, reports and SSH shutdowns of the site.';
    } else if (s.role === 'follower') {
      el.textContent = `Site: ${s.leader ?? 'another server'} leads · this is ${s.server}`;
      el.title = 'This server serves NUT and the dashboard from its own drivers; the leader does the once-only work. '
        + 'It takes over if the leader stops.';
    } else {
      el.textContent = `Site: ${s.server} cut off from the shared database`;
      el.title = `${s.problem ?? ''}. This server serves NUT from its own drivers but sends no notifications, `
        + 'Wake-on-LAN packets or SSH shutdowns until the database answers.';
    }
  } catch {
    el.hidden = false;
    el.classList.add('warn');
    el.textContent = 'Site: role unknown';
    el.title = 'The server did not say where it stands in its site.';
  }
}

function theme() {
  const saved = localStorage.getItem('gridwatch.theme');
  const dark = saved ? saved === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  document.getElementById('theme').addEventListener('click', () => {
    const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    localStorage.setItem('gridwatch.theme', next);
  });
}

/** Back to the login form, with a word why (the session ended, a password changed). */
function showLogin(message) {
  session.user = null;
  disconnect();
  clearInterval(siteTimer);
  document.getElementById('site').hidden = true;
  document.title = 'Log in · Gridwatch';
  const b = document.getElementById('banner');
  b.className = 'banner';
  b.textContent = '';
  document.body.classList.remove('stale');
  document.getElementById('nav').hidden = true;
  document.getElementById('logout').hidden = true;
  document.getElementById('who').textContent = '';
  mount(view());
  document.getElementById('login').hidden = false;
  document.getElementById('login-error').textContent = message || '';
  document.querySelector('#login-form [name=password]').focus();
}

function start(s) {
  session.user = s.user;
  session.role = s.role;
  session.admin = s.grants.includes('admin');
  session.control = s.grants.includes('control');
  setCsrf(s.csrf_token);
  document.getElementById('login').hidden = true;
  document.getElementById('nav').hidden = false;
  for (const a of document.querySelectorAll('[data-admin]')) a.hidden = !session.admin;
  document.getElementById('who').replaceChildren(h('a', { href: '#/account', title: 'Your account: change your '
    + 'password' }, `${s.user} (${s.role})`));
  get('/api/v1/info').then((i) => { state.site.timezone = i.timezone; setZone(i.timezone); route(); })
    .catch(() => {});
  document.getElementById('logout').hidden = false;
  clearInterval(siteTimer);
  siteRole();
  siteTimer = setInterval(siteRole, 5000);
  connect();
  route();
}

async function login(e) {
  e.preventDefault();
  const f = e.target;
  const button = f.querySelector('button');
  button.disabled = true;
  try {
    start(await post('/api/v1/login', { username: f.username.value, password: f.password.value }));
    f.password.value = '';
  } catch (err) {
    document.getElementById('login-error').textContent = err.message;
  } finally {
    button.disabled = false;
  }
}

async function boot() {
  theme();
  subscribe(banner);
  whenUnauthorized(() => showLogin('Your session ended; log in again.'));
  whenSessionGone(showLogin);
  document.getElementById('login-form').addEventListener('submit', login);
  document.getElementById('logout').addEventListener('click', async () => {
    try { await post('/api/v1/logout'); } catch { /* ended anyway */ }
    showLogin('Logged out.');
  });
  window.addEventListener('hashchange', route);
  try {
    start(await get('/api/v1/session'));
  } catch (e) {
    if (e.status !== 401) toast(e.message, 'bad');
    showLogin();
  }
}

boot();
