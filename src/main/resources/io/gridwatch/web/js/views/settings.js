// Settings: a form for each section of the configuration file, built from the server's key catalogue, and the
// file itself. Every change goes through the server's validation: the same problems, with the same words.
import { h, mount, busy, loadInto, toast } from '../dom.js';
import { get, put, post } from '../api.js';
import { schema, form, showProblems } from '../forms.js';

const SECTIONS = ['ups', 'hosts', 'schedules', 'recovery', 'notify', 'history', 'energy', 'nut', 'http', 'site', 'powmonman', 'data_dir'];

export function settings(root) {
  loadInto(root, async () => {
    const [reference, config] = await Promise.all([get('/api/v1/config/reference'), get('/api/v1/config')]);
    const tree = schema(reference);
    const tabs = h('div', { class: 'tabs', role: 'tablist' });
    const panel = h('div');
    const show = (name) => {
      for (const b of tabs.children) b.classList.toggle('active', b.dataset.tab === name);
      mount(panel, name === 'yaml' ? yamlEditor(config, () => settings(root)) : sectionForm(tree, config, name, () => settings(root)));
    };
    for (const name of [...SECTIONS, 'yaml']) {
      const b = h('button', { type: 'button', role: 'tab', dataset: { tab: name } }, name === 'yaml' ? 'File (YAML)' : name);
      b.addEventListener('click', () => show(name));
      tabs.append(b);
    }
    show('ups');
    return [
      h('p', { class: 'muted' }, `Editing ${config.file}. A change is checked as a whole before it is written; the old `
        + 'file is kept as a backup. Hosts, schedules, recovery, site, notify, energy and NUT users change at once; the rest '
        + 'after a restart. Passwords and tokens show as ******** and stay as they are unless you type a new one.'),
      tabs, panel];
  }, { above: h('h1', {}, 'Settings') });
}

function sectionForm(tree, config, name, reload) {
  const value = config.sections ? config.sections[name] : undefined;
  const error = h('div', { class: 'error', role: 'alert' });
  const save = h('button', { type: 'submit', class: 'primary' }, `Save ${name}`);
  let f;
  if (name === 'data_dir') {
    const k = { type: 'path', meaning: 'Folder for state, history and generated credentials.', default: '' };
    const input = h('input', { id: 'data_dir', dataset: { path: 'data_dir' }, value: value ?? '', disabled: true,
      'aria-readonly': 'true' });
    f = { el: h('div', { class: 'form-row' }, h('label', { class: 'key', for: 'data_dir' }, 'data_dir'), input,
      h('div', { class: 'help' }, k.meaning, ' Only in the configuration file.'),
      h('div', { class: 'field-error', dataset: { errorFor: 'data_dir' } })),
    read: () => value ?? undefined };
  } else {
    f = form(tree.sections.get(name), value, name);
  }
  const el = h('form', { class: 'card', dataset: { section: name } }, h('h2', {}, name), f.el, error,
    h('div', { class: 'actions' }, save));
  el.addEventListener('submit', (e) => {
    e.preventDefault();
    error.textContent = '';
    busy(save, async () => {
      const r = await put(`/api/v1/config/${name}`, { value: f.read() ?? null });
      showProblems(el, []);
      toast(applied(r), 'ok', 8000);
      reload();
    }, (err) => {
      const problems = err.errors && err.errors.length ? err.errors : [{ path: err.field ? `${name}.${err.field}` : '', message: err.message }];
      const rest = showProblems(el, problems);
      error.textContent = rest.map((p) => (p.path ? `${p.path}: ` : '') + p.message).join('\n');
      const first = el.querySelector('[aria-invalid="true"]');
      if (first) first.focus();
    });
  });
  return el;
}

function applied(r) {
  const parts = [];
  if (r.applied.length) parts.push(`in force now: ${r.applied.join(', ')}`);
  if (r.restart_required.length) parts.push(`after a restart: ${r.restart_required.join(', ')}`);
  return `Saved. ${parts.join('; ') || 'Nothing changed.'}`;
}

function yamlEditor(config, reload) {
  const text = h('textarea', { spellcheck: 'false', 'aria-label': 'Configuration file' });
  text.value = config.text;
  const out = h('pre', { class: 'error', role: 'alert' });
  const check = h('button', { type: 'button' }, 'Check');
  const save = h('button', { type: 'button', class: 'primary' }, 'Save file');
  const problems = (errors) => errors.map((p) => `line ${p.line}: ${p.path ? p.path + ': ' : ''}${p.message}`).join('\n');
  check.addEventListener('click', () => busy(check, async () => {
    const r = await post('/api/v1/config/check', { text: text.value });
    out.textContent = r.valid ? '' : problems(r.errors);
    if (r.valid) toast('The file is valid', 'ok');
  }));
  save.addEventListener('click', () => busy(save, async () => {
    const r = await put('/api/v1/config', { text: text.value });
    out.textContent = '';
    toast(applied(r), 'ok', 8000);
    reload();
  }, (err) => { out.textContent = err.errors.length ? problems(err.errors) : err.message; }));
  return h('section', { class: 'card' }, h('h2', {}, 'The file'), text, out, h('div', { class: 'actions' }, check, save));
}
