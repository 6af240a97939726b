// Hosts: protected machines (shutdown delay, last report, countdown) and wake targets; edited in the config file.
import { h, mount, act, busy, toast, duration, time } from '../dom.js';
import { get, put, del, enc } from '../api.js';
import { refreshHosts, session, state, subscribe } from '../store.js';
import { hostState, countdownCell, tickCountdowns, wakeButton, sshCheckButton } from './common.js';

const FIELDS = [
  ['display_name', 'Display name (spaces allowed)', 'text'], ['ups', 'UPS it is on', 'select'], ['address', 'Address (IP or name)', 'text'],
  ['mac', 'MAC address (for Wake-on-LAN)', 'text'], ['broadcast', 'Broadcast address', 'text'],
  ['wake', 'Wake it when power returns', 'checkbox'], ['group', 'Wake-up group (lower first)', 'number'],
  ['group_wait', 'Pause after its group', 'text'], ['probe', 'Up-check: icmp, tcp:PORT or a URL', 'text'],
  ['shutdown_delay', 'Shutdown delay (e.g. 10m; empty: not protected)', 'text'],
  ['ignore_drills', 'Ignores drills', 'checkbox'],
];

export function hosts(root) {
  const table = h('div');
  const form = h('div');
  const strangers = h('div');
  mount(root, h('h1', {}, 'Hosts'), h('section', { class: 'card' }, table), strangers, form);
  const render = () => mount(table, h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, h('th', {}, 'Host'), h('th', {}, 'State'), h('th', { class: 'num' }, 'Shutdown in'),
      h('th', { class: 'num hide-small' }, 'Delay'), h('th', { class: 'hide-small' }, 'Wake'), h('th', {}))),
    h('tbody', {}, state.hosts.map((x) => h('tr', { dataset: { host: x.name } },
      h('td', {}, h('strong', {}, x.display_name || x.name),
        h('div', { class: 'muted' }, `${x.display_name && x.display_name !== x.name ? x.name + ' · ' : ''}${x.address || ''} · ${x.ups}${x.ssh ? ` · shut down over SSH as ${x.ssh.user}` : ''}`)),
      h('td', {}, hostState(x)),
      h('td', { class: 'num' }, countdownCell(x)),
      h('td', { class: 'num hide-small' }, x.shutdown_delay == null ? '–' : duration(x.shutdown_delay)),
      h('td', { class: 'hide-small' }, x.mac ? `${x.wake ? 'auto' : 'manual'} · group ${x.group}` : '–'),
      h('td', {}, h('div', { class: 'actions' },
        x.mac && session.control ? wakeButton(x) : null,
        x.ssh && session.admin ? sshCheckButton(x) : null,
        session.admin ? editButton(x, form) : null,
        session.admin ? deleteButton(x) : null))))))));
  render();
  if (session.admin) {
    mount(form, hostForm(null));
    unconfigured(strangers, form);
  }
  const off = subscribe((what) => { if (what === 'hosts' || what === 'live') render(); });
  const stop = tickCountdowns(() => state.hosts);
  return () => { off(); stop(); };
}

/** Machines reporting through /status from an address no host has: shown with "Add as host". */
async function unconfigured(box, form) {
  let list;
  try {
    list = await get('/api/v1/clients/unconfigured');
  } catch {
    return;
  }
  if (!list.length) { mount(box); return; }
  mount(box, h('section', { class: 'card', dataset: { section: 'unconfigured' } },
    h('h2', {}, 'Reporting, but not in the configuration'),
    h('p', { class: 'muted' }, 'These addresses report through the seed clients\' /status, but no host has them, so '
      + 'nothing acts on what they say. Add each one as a host (its UPS and shutdown delay) to protect it.'),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Address'), h('th', {}, 'Says'), h('th', { class: 'hide-small' }, 'Last report'),
        h('th', {}))),
      h('tbody', {}, list.map((r) => {
        const add = h('button', { type: 'button', class: 'primary' }, 'Add as host');
        add.addEventListener('click', () => {
          mount(form, hostForm({ name: `host-${r.address.replace(/[^A-Za-z0-9]+/g, '-')}`, address: r.address,
            shutdown_delay: r.shutdown_delay, ups: state.ups[0]?.name, isNew: true }));
          form.scrollIntoView({ behavior: 'smooth' });
        });
        return h('tr', { dataset: { address: r.address } }, h('td', {}, r.address),
          h('td', {}, r.state.replace('_', ' ')), h('td', { class: 'hide-small' }, time(r.last_seen)), h('td', {}, add));
      }))))));
}

function editButton(x, form) {
  const b = h('button', { type: 'button' }, 'Edit');
  b.addEventListener('click', () => { mount(form, hostForm(x)); form.scrollIntoView({ behavior: 'smooth' }); });
  return b;
}

function deleteButton(x) {
  const b = h('button', { type: 'button', class: 'danger' }, 'Delete');
  b.addEventListener('click', () => act(b, async () => {
    await del(`/api/v1/hosts/${enc(x.name)}`);
    await refreshHosts();
    toast(`${x.name} removed`, 'ok');
  }, { question: `Remove host ${x.name} from the configuration?` }));
  return b;
}

function input(key, kind, host) {
  const v = !host || (key === 'display_name' && host.display_name === host.name) ? null : host[key];
  const id = `host-${key}`;
  if (kind === 'select') return h('select', { name: key, id }, state.ups.map((u) => h('option', { value: u.name, selected: v === u.name }, u.name)));
  if (kind === 'checkbox') return h('input', { name: key, id, type: 'checkbox', checked: !!v });
  const text = v == null ? '' : (key === 'shutdown_delay' || key === 'group_wait') ? `${v}s` : String(v);
  return h('input', { name: key, id, type: kind, value: text });
}

function hostForm(host) {
  const existing = host && !host.isNew;
  const name = h('input', { name: 'name', id: 'host-name', required: true, value: host ? host.name : '', readonly: existing });
  const inputs = Object.fromEntries(FIELDS.map(([k, , kind]) => [k, input(k, kind, host)]));
  const errors = Object.fromEntries(FIELDS.map(([k]) => [k, h('div', { class: 'field-error' })]));
  const error = h('p', { class: 'error', role: 'alert' });
  const save = h('button', { type: 'submit', class: 'primary' }, existing ? `Save ${host.name}` : 'Add host');
  const form = h('form', { class: 'card', id: existing ? `edit-${host.name}` : 'new-host' },
    h('h2', {}, existing ? `Edit ${host.name}` : 'Add a host'),
    h('div', { class: 'form-row' }, h('label', { class: 'key', for: 'host-name' }, 'name'), name),
    FIELDS.map(([k, label]) => h('div', { class: 'form-row' }, h('label', { class: 'key', for: `host-${k}` }, k),
      h('div', {}, inputs[k]), h('div', { class: 'help', id: `host-${k}-help` }, label), errors[k])),
    error, h('div', { class: 'actions' }, save));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = {};
    for (const [k, , kind] of FIELDS) {
      const el = inputs[k];
      el.removeAttribute('aria-invalid');
      errors[k].textContent = '';
      if (kind === 'checkbox') body[k] = el.checked;
      else if (el.value.trim() !== '') body[k] = kind === 'number' ? Number(el.value) : el.value.trim();
    }
    busy(save, async () => {
      error.textContent = '';
      await put(`/api/v1/hosts/${enc(name.value.trim())}`, body);
      await refreshHosts();
      toast(`Host ${name.value} saved`, 'ok');
    }, (err) => {
      if (err.field && inputs[err.field]) {
        inputs[err.field].setAttribute('aria-invalid', 'true');
        errors[err.field].textContent = err.message;
      } else {
        error.textContent = err.message;
      }
    });
  });
  return form;
}
