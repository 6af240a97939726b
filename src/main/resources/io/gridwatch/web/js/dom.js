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

export function mount(parent, ...nodes) {
  parent.replaceChildren(...nodes.flat(Infinity).filter(n => n));
}

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

export function time(iso) {
  return iso ? new Date(iso).toLocaleString() : '–';
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
