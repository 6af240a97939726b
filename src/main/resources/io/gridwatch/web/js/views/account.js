// Your account: who you are, and a new password (every session of yours ends, this one too).
import { h, mount, busy, toast } from '../dom.js';
import { put } from '../api.js';
import { session, sessionEnded } from '../store.js';

export function account(root) {
  const current = h('input', { id: 'pw-current', type: 'password', autocomplete: 'current-password', required: true });
  const next = h('input', { id: 'pw-new', type: 'password', autocomplete: 'new-password', required: true, minlength: 10 });
  const again = h('input', { id: 'pw-again', type: 'password', autocomplete: 'new-password', required: true });
  const error = h('p', { class: 'error', role: 'alert' });
  const save = h('button', { type: 'submit', class: 'primary' }, 'Change password');
  const form = h('form', { class: 'card narrow-form' }, h('h2', {}, 'Change your password'),
    h('label', { for: 'pw-current' }, 'Current password'), current,
    h('label', { for: 'pw-new' }, 'New password (at least 10 characters)'), next,
    h('label', { for: 'pw-again' }, 'New password again'), again, error, h('div', { class: 'actions' }, save));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    error.textContent = '';
    if (next.value !== again.value) {
      error.textContent = 'The two new passwords differ.';
      again.setAttribute('aria-invalid', 'true');
      return;
    }
    busy(save, async () => {
      await put('/api/v1/session/password', { current: current.value, new: next.value });
      toast('Password changed; log in with the new one.', 'ok');
      sessionEnded('Password changed: every session of yours has ended. Log in with the new password.');
    }, (err) => {
      error.textContent = err.message;
      const bad = err.field === 'current' ? current : next;
      bad.setAttribute('aria-invalid', 'true');
    });
  });
  mount(root, h('h1', {}, 'Your account'),
    h('p', {}, `Logged in as ${session.user} (${session.role}).`), form);
}
