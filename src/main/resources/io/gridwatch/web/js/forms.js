// Configuration forms generated from the server's key catalogue (GET /api/v1/config/reference), so every section
// and every key the server knows has a form, with the server's own types, defaults and help text.
import { h } from './dom.js';

const NAME = '<name>';

/** The catalogue as a tree: {fields: Map, sections: Map, named: node|null, meaning}. */
export function schema(reference) {
  const root = node();
  for (const k of reference) {
    let n = root;
    const parts = k.path.split('.');
    parts.forEach((p, i) => {
      const last = i === parts.length - 1;
      if (last && k.type !== 'section') { n.fields.set(p, k); return; }
      if (p === NAME) { n.named = n.named || node(); n = n.named; } else {
        if (!n.sections.has(p)) n.sections.set(p, node());
        n = n.sections.get(p);
      }
      if (last) n.meaning = k.meaning;
    });
  }
  return root;
}

function node() { return { fields: new Map(), sections: new Map(), named: null, meaning: '' }; }

const DRIVER = /^(driver (\w+)|mains drivers):/;

const CHANNELS = ['email', 'webhook', 'ntfy', 'discord', 'slack', 'telegram', 'mqtt', 'syslog'];
const TYPED = /^([a-z]+(?:, [a-z]+)*):/;
const SECRET = ['password', 'secret', 'token', 'bot_token'];

/**
 * Whether a key applies to an entry with this driver (keys say "driver dummy: ..." or "mains drivers: ...") or,
 * for a notification channel, this type (keys say "email, mqtt: ...").
 */
function applies(meaning, driver) {
  const t = (meaning || '').match(TYPED);
  if (t && CHANNELS.includes(driver)) {
    const kinds = t[1].split(', ');
    return !kinds.every((k) => CHANNELS.includes(k)) || kinds.includes(driver);
  }
  const m = (meaning || '').match(DRIVER);
  if (!m || !driver) return true;
  if (m[1] === 'mains drivers') return ['sentinel', 'gpio', 'command'].includes(driver);
  return m[2] === driver;
}

/** A form for `value` under `n`; `path` is the dotted path of this level. Returns {el, read()}. */
export function form(n, value, path, driver) {
  const v = value && typeof value === 'object' ? value : {};
  const parts = [];
  const readers = [];
  const entryDriver = v.driver || (CHANNELS.includes(v.type) ? v.type : undefined) || driver;
  for (const [key, k] of n.fields) {
    if (!applies(k.meaning, entryDriver)) continue;
    const f = field(`${path}.${key}`, k, v[key], n.named === null && key === 'driver');
    parts.push(f.el);
    readers.push(() => [key, f.read()]);
  }
  for (const [key, sub] of n.sections) {
    if (key === 'sentinels' && entryDriver && entryDriver !== 'sentinel') continue;
    if (!applies(sub.meaning, entryDriver)) continue;
    const inner = sub.named ? entries(sub.named, v[key], `${path}.${key}`, entryDriver) : form(sub, v[key], `${path}.${key}`, entryDriver);
    parts.push(h('fieldset', { class: 'entry' }, h('legend', {}, h('code', {}, key)),
      sub.meaning ? h('div', { class: 'muted' }, sub.meaning) : null, inner.el));
    readers.push(() => [key, inner.read()]);
  }
  if (n.named) {
    const inner = entries(n.named, v, path, entryDriver);
    return inner;
  }
  return {
    el: h('div', {}, parts),
    read() {
      const out = {};
      for (const r of readers) { const [k, x] = r(); if (x !== undefined) out[k] = x; }
      return Object.keys(out).length ? out : undefined;
    },
  };
}

/** A map of named entries (hosts, UPSes, users, sentinels...): one sub-form each, add and remove. */
function entries(n, value, path, driver) {
  const list = h('div');
  const items = [];
  const add = (name, v) => {
    const box = h('div', { class: 'entry', dataset: { entry: `${path}.${name}` } });
    const item = { name, box, form: null };
    const build = (val) => {
      item.form = form(n, val, `${path}.${name}`, driver);
      const remove = h('button', { type: 'button', class: 'link' }, 'remove');
      remove.addEventListener('click', () => { items.splice(items.indexOf(item), 1); box.remove(); });
      box.replaceChildren(h('header', {}, h('strong', {}, name), remove), item.form.el);
      for (const key of ['driver', 'type']) {
        const drv = box.querySelector(`[data-path="${path}.${name}.${key}"]`);
        if (drv) drv.addEventListener('change', () => { const cur = item.form.read() || {}; build(cur); });
      }
    };
    build(v);
    items.push(item);
    list.append(box);
  };
  for (const [name, v] of Object.entries(value && typeof value === 'object' ? value : {})) add(name, v);
  const newName = h('input', { placeholder: 'name of a new entry', 'aria-label': `new entry under ${path}` });
  const addButton = h('button', { type: 'button' }, 'Add');
  addButton.addEventListener('click', () => {
    const name = newName.value.trim();
    if (name && !items.some((i) => i.name === name)) { add(name, {}); newName.value = ''; }
  });
  return {
    el: h('div', {}, list, h('div', { class: 'actions' }, newName, addButton)),
    read() {
      const out = {};
      for (const i of items) out[i.name] = i.form.read() || {};
      return Object.keys(out).length ? out : undefined;
    },
  };
}

/** Drivers that run a program or read a device: set up only in the configuration file. */
const FILE_ONLY_DRIVERS = ['gpio', 'command'];

function field(path, k, value, isDriver) {
  const input = control(path, k, value, isDriver);
  const locked = k.file_only || (isDriver && FILE_ONLY_DRIVERS.includes(value));
  if (locked) {
    input.disabled = true;
    input.setAttribute('aria-readonly', 'true');
  }
  const error = h('div', { class: 'field-error', dataset: { errorFor: path } });
  const el = h('div', { class: 'form-row' }, h('label', { class: 'key', for: path }, path.split('.').pop()),
    h('div', {}, input), h('div', { class: 'help' }, k.meaning, k.default ? ` Default: ${k.default}.` : '',
      locked ? ' Only in the configuration file (it names a program, a device or a file to read).' : ''), error);
  return { el, read: () => readValue(input, k, value) };
}

function choices(type) {
  if (type === 'boolean') return ['true', 'false'];
  const m = type.match(/^one of: (.*)$/);
  return m ? m[1].split(', ') : null;
}

function control(path, k, value, isDriver) {
  const opts = isDriver ? ['nut', 'dummy', 'sentinel', ...(FILE_ONLY_DRIVERS.includes(value) ? [value] : [])]
    : choices(k.type);
  const text = value === undefined || value === null ? '' : Array.isArray(value) ? value.join(', ')
    : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (opts) {
    return h('select', { id: path, dataset: { path } }, h('option', { value: '' }, isDriver ? '(choose)' : '(default)'),
      opts.map((o) => h('option', { value: o, selected: o === text }, o)));
  }
  const number = /^integer/.test(k.type);
  const secret = SECRET.includes(path.split('.').pop());
  return h('input', { id: path, dataset: { path }, value: text, type: number ? 'number' : secret ? 'password' : 'text',
    autocomplete: secret ? 'new-password' : 'off',
    placeholder: k.default || (k.type.startsWith('list') ? 'comma-separated' : '') });
}

function readValue(input, k, original) {
  if (input.disabled) return original === null ? undefined : original;
  const raw = input.value.trim();
  if (raw === '') return undefined;
  if (k.type === 'boolean') return raw === 'true';
  if (/^integer/.test(k.type)) return Number.isNaN(Number(raw)) ? raw : Number(raw);
  if (k.type.startsWith('list')) return raw.split(',').map((x) => x.trim()).filter((x) => x);
  return raw;
}

/** Marks the inputs the server's problems point at; returns the problems no input matched. */
export function showProblems(root, errors) {
  for (const el of root.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of root.querySelectorAll('.field-error')) el.textContent = '';
  const rest = [];
  for (const p of errors) {
    const input = root.querySelector(`[data-path="${CSS.escape(p.path)}"]`);
    const error = root.querySelector(`[data-error-for="${CSS.escape(p.path)}"]`);
    if (input && error) {
      input.setAttribute('aria-invalid', 'true');
      error.textContent = p.message;
    } else rest.push(p);
  }
  return rest;
}
