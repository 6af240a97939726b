// Users (admin or viewer) and API tokens. A token's text is shown once, when it is made.
import { h, mount, act, busy, loadInto, toast, time } from '../dom.js';
import { get, post, put, del, enc } from '../api.js';
import { session } from '../store.js';

export function users(root) {
  const userBox = h('section', { class: 'card' });
  const tokenBox = h('section', { class: 'card' });
  mount(root, h('h1', {}, 'Users and tokens'), userBox, tokenBox);
  loadUsers(userBox);
  loadTokens(tokenBox);
}

function loadUsers(box) {
  return loadInto(box, async () => {
    const list = await get('/api/v1/users');
    return [h('table', {}, h('tbody', {}, list.map((u) => userRow(u, box)))), newUser(box)];
  }, { above: h('h2', {}, 'Users') });
}

function userRow(u, box) {
  const role = h('select', { 'aria-label': `Role of ${u.name}` }, ['admin', 'viewer'].map((r) => h('option', { value: r, selected: r === u.role }, r)));
  role.addEventListener('change', async () => {
    try { await put(`/api/v1/users/${enc(u.name)}`, { role: role.value }); toast(`${u.name} is now ${role.value}`, 'ok'); } catch (e) { toast(e.message, 'bad'); loadUsers(box); }
  });
  const remove = h('button', { type: 'button', class: 'danger' }, 'Remove');
  remove.addEventListener('click', () => {
    act(remove, async () => { await del(`/api/v1/users/${enc(u.name)}`); loadUsers(box); },
      { question: `Remove user ${u.name}?` });
  });
  return h('tr', {}, h('td', {}, h('strong', {}, u.name), u.name === session.user ? ' (you)' : ''), h('td', {}, role),
    h('td', { class: 'muted hide-small' }, `password changed ${time(u.password_changed)}`), h('td', {}, remove));
}

function newUser(box) {
  const name = h('input', { placeholder: 'name', required: true, 'aria-label': 'New user name' });
  const role = h('select', { 'aria-label': 'New user role' }, h('option', { value: 'viewer' }, 'viewer'), h('option', { value: 'admin' }, 'admin'));
  const password = h('input', { type: 'password', placeholder: 'password (10+ characters)', 'aria-label': 'New user password', autocomplete: 'new-password' });
  const error = h('p', { class: 'error', role: 'alert' });
  const add = h('button', { type: 'submit', class: 'primary' }, 'Add user');
  const f = h('form', { class: 'actions' }, name, role, password, add, error);
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(add, async () => {
      await post('/api/v1/users', { name: name.value.trim(), role: role.value, password: password.value });
      toast(`User ${name.value} added`, 'ok');
      loadUsers(box);
    }, (err) => { error.textContent = err.message; });
  });
  return f;
}

function loadTokens(box) {
  return loadInto(box, async () => {
    const list = await get('/api/v1/tokens');
    return [h('p', { class: 'muted' }, 'Scopes: read, control (commands, drills, wake), admin (everything), client '
        + '(what a protected machine needs: agents and the UPS_Server_Docker clients).'),
      list.length ? h('table', {}, h('tbody', {}, list.map((t) => tokenRow(t, box)))) : h('p', { class: 'muted' }, 'No tokens.'),
      newToken(box)];
  }, { above: h('h2', {}, 'API tokens') });
}

function tokenRow(t, box) {
  const revoke = h('button', { type: 'button', class: 'danger' }, 'Revoke');
  revoke.addEventListener('click', () => busy(revoke, async () => { await del(`/api/v1/tokens/${enc(t.id)}`); loadTokens(box); }));
  return h('tr', {}, h('td', {}, h('strong', {}, t.name)), h('td', {}, t.scopes.join(', ')),
    h('td', { class: 'muted hide-small' }, `made ${time(t.created)} by ${t.created_by}`), h('td', {}, revoke));
}

function newToken(box) {
  const name = h('input', { placeholder: 'what it is for', required: true, 'aria-label': 'Token name' });
  const scope = h('select', { 'aria-label': 'Token scope' }, ['read', 'control', 'client', 'admin'].map((s) => h('option', { value: s }, s)));
  const secret = h('input', { placeholder: 'keep an existing token text (optional)', 'aria-label': 'Existing token text',
    autocomplete: 'off' });
  const shown = h('div');
  const error = h('p', { class: 'error', role: 'alert' });
  const add = h('button', { type: 'submit', class: 'primary' }, 'Make token');
  const f = h('form', {}, h('div', { class: 'actions' }, name, scope, secret, add), error, shown);
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(add, async () => {
      const body = { name: name.value.trim(), scopes: [scope.value] };
      if (secret.value.trim()) body.secret = secret.value.trim();
      const t = await post('/api/v1/tokens', body);
      await loadTokens(box);
      box.append(h('div', { class: 'entry' }, h('strong', {}, `Token "${t.name}" (copy it now; it is not shown again):`),
        h('div', { class: 'secret' }, t.token)));
    }, (err) => { error.textContent = err.message; });
  });
  return f;
}
