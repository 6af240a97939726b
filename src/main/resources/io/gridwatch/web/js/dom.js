// Small DOM helpers: elements are built, never parsed from strings, so text from the server cannot inject markup.

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';

export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.setAttribute('class', v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value' && 'value' in el) el.value = v;
    else if (k === 'checked' && 'checked' in el) el.checked = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Fields the user has typed into or changed: a live re-render keeps what they hold. */
const touched = new WeakSet();
document.addEventListener('input', (e) => touched.add(e.target), true);
document.addEventListener('change', (e) => touched.add(e.target), true);

/** The key a field keeps across re-renders: its data-keep, id or name (with its form's). */
function keyOf(el) {
  return el.dataset.keep || el.id || (el.name ? `${el.form?.dataset.keep || el.form?.id || ''}/${el.name}` : null);
}

/**
 * Replaces what `parent` shows. Fields the user touched that come back under the same key (data-keep, id or
 * name) keep their value, their check, and their focus and caret: a live update never resets a half-typed value
 * or a chosen option.
 */
export function mount(parent, ...nodes) {
  const kept = new Map();
  for (const el of parent.querySelectorAll('input, select, textarea')) {
    const k = keyOf(el);
    if (k && touched.has(el)) {
      kept.set(k, { value: el.value, checked: el.checked, focused: document.activeElement === el,
        start: el.selectionStart, end: el.selectionEnd });
    }
  }
  parent.replaceChildren(...nodes.flat(Infinity).filter(n => n));
  if (!kept.size) return;
  for (const el of parent.querySelectorAll('input, select, textarea')) {
    const k = keyOf(el);
    const was = k && kept.get(k);
    if (!was) continue;
    if (el.type === 'checkbox' || el.type === 'radio') el.checked = was.checked; else el.value = was.value;
    touched.add(el);
    if (was.focused) {
      el.focus();
      try { if (was.start !== null) el.setSelectionRange(was.start, was.end); } catch { /* not a text field */ }
    }
  }
}

/** The site's time zone, for every time shown (set once the server has said which it is). */
let zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
export function setZone(z) { if (z) zone = z; }
export function siteZone() { return zone; }

/** "1h 02m", "9m 58s", "42s". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const t = Math.max(0, Math.round(seconds));
  const hh = Math.floor(t / 3600), mm = Math.floor((t % 3600) / 60), ss = t % 60;
  if (hh > 0) return `${hh}h ${String(mm).padStart(2, '0')}m`;
  if (mm > 0) return `${mm}m ${String(ss).padStart(2, '0')}s`;
  return `${ss}s`;
}

export function ago(iso) {
  if (!iso) return 'never';
  const secs = (Date.now() - Date.parse(iso)) / 1000;
  if (secs < 5) return 'just now';
  return duration(secs) + ' ago';
}

/** A date and time in the site's time zone, with the zone named ("02/12/2026, 10:15 CET"). */
export function time(iso) {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(undefined, { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(new Date(iso));
}

/** A time of day in the site's time zone, with the zone named ("10:15:02 CET"). */
export function clock(iso) {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(undefined, { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit',
    timeZoneName: 'short' }).format(new Date(iso));
}

/** The site's zone as people read it: "Europe/Berlin (CET)". */
export function zoneName() {
  const short = new Intl.DateTimeFormat(undefined, { timeZone: zone, timeZoneName: 'short' }).formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName')?.value;
  return short && short !== zone ? `${zone} (${short})` : zone;
}

export function toast(message, kind = 'info', ms = 5000) {
  const t = h('div', { class: `toast ${kind}`, role: kind === 'bad' ? 'alert' : 'status' }, message);
  document.getElementById('toasts').append(t);
  setTimeout(() => t.remove(), ms);
}

/** Runs an action with the button disabled and a spinner in it; errors end up in a toast (or `onError`). */
export async function busy(button, action, onError) {
  const label = [...button.childNodes];
  button.disabled = true;
  button.replaceChildren(h('span', { class: 'spin', 'aria-hidden': 'true' }), ...label);
  try {
    return await action();
  } catch (e) {
    if (onError) onError(e); else toast(e.message, 'bad');
    return undefined;
  } finally {
    button.disabled = false;
    button.replaceChildren(...label);
  }
}

/**
 * One pattern for every part of a page fetched from the server: `box` says "Loading…" (or `label`) at once, then
 * shows what `render` resolves to (a node, a list, or nothing), or the error in words, never an empty or half-old
 * box; `above` (a heading) stays on top throughout. For a table body, `cols` puts the word in a row of that many
 * columns. Resolves to true when it worked.
 */
export async function loadInto(box, render, { above = [], label = 'Loading…', cols = 0 } = {}) {
  const say = (cls, ...text) => (cols ? h('tr', {}, h('td', { colspan: cols, class: cls }, ...text))
    : h('p', { class: cls }, ...text));
  mount(box, above, say('muted', h('span', { class: 'spin', 'aria-hidden': 'true' }), label));
  try {
    mount(box, above, await render());
    return true;
  } catch (e) {
    const shown = say('error', e.message);
    shown.setAttribute('role', 'alert');
    mount(box, above, shown);
    return false;
  }
}

/**
 * One pattern for every button that changes something: asked first when `question` is given (a removal, a command
 * that can cut power), then run as busy() does (disabled, a spinner, errors in a toast or `onError`).
 */
export function act(button, action, { question, onError } = {}) {
  if (question && !confirm(question)) return Promise.resolve(undefined);
  return busy(button, action, onError);
}
