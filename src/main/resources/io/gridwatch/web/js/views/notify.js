// Notifications: the channels with a "Send test" button each, and the outbox: what is waiting (with the last
// error and the next try), what was delivered, what expired. Refreshed every few seconds while shown.
import { h, mount, busy, clock, time, toast } from '../dom.js';
import { get, post } from '../api.js';
import { session } from '../store.js';

export function notifications(root) {
  const counts = h('p', { class: 'muted', id: 'notify-counts' });
  const channels = h('tbody');
  const deliveries = h('tbody');
  const channelRow = (c) => {
    const test = h('button', { type: 'button', class: 'small', dataset: { test: c.name } }, 'Send test');
    test.hidden = !session.admin;
    test.addEventListener('click', () => busy(test, async () => {
      await post('/api/v1/notifications/test', { channel: c.name });
      toast(`Test queued for ${c.name}; its delivery shows below`, 'ok');
      refresh();
    }));
    return h('tr', { dataset: { channel: c.name } }, h('td', {}, h('strong', {}, c.name)), h('td', {}, c.type),
      h('td', {}, c.target), h('td', { class: 'muted' }, c.events.join(', ') + (c.drills ? ' (drills too)' : '')),
      h('td', {}, test));
  };
  const deliveryRow = (d) => {
    const failing = d.state === 'pending' && d.attempts > 0;
    const badge = d.state === 'delivered' ? 'ok' : d.state === 'expired' || failing ? 'warn' : '';
    const status = d.state === 'delivered' ? `delivered ${time(d.delivered)}`
      : d.state === 'expired' ? 'given up' : failing ? `retry ${time(d.next_attempt)}` : 'sending';
    let action = null;
    if (session.admin && d.state !== 'delivered') {
      action = h('button', { type: 'button', class: 'small' }, 'Retry now');
      action.addEventListener('click', () => busy(action, async () => { await post(`/api/v1/notifications/${d.id}/retry`, {}); refresh(); }));
    }
    return h('tr', { class: `delivery ${d.state}`, dataset: { id: d.id, state: d.state } }, h('td', {}, time(d.created)),
      h('td', {}, d.channel), h('td', {}, h('span', { class: `badge ${d.severity === 'info' ? '' : 'warn'}` }, d.type)),
      h('td', {}, d.title), h('td', {}, h('span', { class: `badge ${badge}` }, status),
        d.last_error ? h('div', { class: 'muted small' }, `${d.attempts} attempt(s): ${d.last_error}`) : null),
      h('td', {}, action));
  };
  let shownAt = null;
  const fetchAndShow = async () => {
    const n = await get('/api/v1/notifications');
    counts.classList.remove('error');
    counts.textContent = `${n.pending} waiting (${n.failing} after a failed try), ${n.expired} given up.`;
    channels.replaceChildren(...(n.channels.length ? n.channels.map(channelRow)
      : [h('tr', {}, h('td', { colspan: 5, class: 'muted' }, 'No channels yet: add them under Settings → notify.'))]));
    deliveries.replaceChildren(...n.deliveries.map(deliveryRow));
    shownAt = new Date().toISOString();
  };
  // a refresh that fails says so, and since when the lists below are not current: they are never passed off as live
  const refresh = () => fetchAndShow().catch((e) => {
    counts.classList.add('error');
    counts.setAttribute('role', 'alert');
    counts.textContent = shownAt ? `Not refreshed: ${e.message}. The lists below are as of ${clock(shownAt)}.` : e.message;
  });
  mount(root, h('h1', {}, 'Notifications'), counts,
    h('section', { class: 'card' }, h('h2', {}, 'Channels'), h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Name'),
      h('th', {}, 'Type'), h('th', {}, 'Where'), h('th', {}, 'Told about'), h('th'))), channels)),
    h('section', { class: 'card' }, h('h2', {}, 'Deliveries'), h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'When'),
      h('th', {}, 'Channel'), h('th', {}, 'Type'), h('th', {}, 'Title'), h('th', {}, 'State'), h('th'))), deliveries)));
  refresh();
  const timer = setInterval(refresh, 5000);
  return () => clearInterval(timer);
}
