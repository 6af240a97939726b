// Boot, login, navigation and the header. Views live in ./views/.
import { get, post, setCsrf, whenUnauthorized } from './api.js';
import { h, mount, toast } from './dom.js';
import { connect, disconnect, power, state, subscribe } from './store.js';
import { dashboard } from './views/dashboard.js';
import { upsList, upsDetail } from './views/ups.js';
import { drills } from './views/drills.js';
import { hosts } from './views/hosts.js';
import { events } from './views/events.js';
import { settings } from './views/settings.js';
import { users } from './views/users.js';
import { notifications } from './views/notify.js';

export const session = { user: null, role: null, admin: false, control: false };
const view = () => document.getElementById('view');
let cleanup = null;

const routes = [
  [/^#?\/?$/, dashboard],
  [/^#\/ups$/, upsList],
  [/^#\/ups\/(.+)$/, upsDetail],
  [/^#\/drills$/, drills],
  [/^#\/hosts$/, hosts],
  [/^#\/events$/, events],
  [/^#\/notifications$/, notifications],
  [/^#\/settings$/, settings],
  [/^#\/users$/, users],
];

function route() {
  if (!session.user) return;
  if (cleanup) { cleanup(); cleanup = null; }
  const hash = location.hash || '#/';
  for (const a of document.querySelectorAll('#nav a')) {
    const target = a.getAttribute('href');
    a.classList.toggle('active', target === '#/' ? hash === '#/' : hash.startsWith(target));
  }
  for (const [re, render] of routes) {
    const m = hash.match(re);
    if (m) {
      const out = render(view(), ...m.slice(1).map(decodeURIComponent));
      cleanup = typeof out === 'function' ? out : null;
      return;
    }
  }
  mount(view(), h('p', {}, 'No such page. ', h('a', { href: '#/' }, 'Dashboard')));
}

function banner() {
  const p = power();
  const b = document.getElementById('banner');
  b.className = `banner ${p.kind}`;
  b.textContent = p.text;
  document.getElementById('live').classList.toggle('on', state.live);
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

function showLogin(message) {
  session.user = null;
  disconnect();
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
  document.getElementById('who').textContent = `${s.user} (${s.role})`;
  document.getElementById('logout').hidden = false;
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
