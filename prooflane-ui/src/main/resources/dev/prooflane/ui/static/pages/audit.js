// The daemon's audit log: who did what, newest first, filtered by event and actor.

import { get } from '../api.js';
import { dateTime, errorBox, field, fill, h } from '../dom.js';

export async function mount(container, { params, navigate }) {
  const event = h('input', { name: 'event', value: params.get('event') || '', placeholder: 'sandbox.created',
    autocomplete: 'off', spellcheck: 'false' });
  const actor = h('input', { name: 'actor', value: params.get('actor') || '', placeholder: 'admin',
    autocomplete: 'off', spellcheck: 'false' });
  const form = h('form', { class: 'filter', role: 'search' },
    field('Event', event), field('Actor', actor), h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate('audit', { event: event.value.trim(), actor: actor.value.trim() });
  });
  const count = h('p', { class: 'count' });
  const box = h('div');
  container.append(form, count, box);
  try {
    const answer = await get('/audit',
      { limit: 200, event: params.get('event'), actor: params.get('actor') });
    const records = [...(answer.records || [])].reverse();
    count.textContent = `The last ${records.length} of ${answer.matched ?? answer.total ?? records.length} records, newest first`;
    box.append(h('table', { class: 'grid audit' },
      h('thead', {}, h('tr', {}, ['Seq', 'Time', 'Actor', 'Event', 'Details']
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, records.map((r) => h('tr', { 'data-event': r.event },
        h('td', { class: 'num' }, r.seq),
        h('td', {}, dateTime(r.time)),
        h('td', {}, r.actor),
        h('td', {}, h('code', {}, r.event)),
        h('td', {}, h('code', { class: 'details' }, JSON.stringify(r.details ?? {}))))))));
  } catch (error) {
    fill(box, errorBox(error));
  }
}
