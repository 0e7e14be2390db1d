// A key's request flow, live: the hops the router serves, pushed by the daemon as server-sent
// events, filtered by routing key, sandbox or service.

import { follow } from '../api.js';
import { announce, field, h } from '../dom.js';
import { traceList } from './traces.js';

const FILTERS = [
  ['key', 'routing key'],
  ['sandbox', 'sandbox'],
  ['service', 'service'],
];
const BACKLOG = 50;

export async function mount(container, { params, navigate }) {
  const current = FILTERS.find(([name]) => params.get(name));
  const by = h('select', { name: 'by' },
    h('option', { value: '' }, 'everything'),
    FILTERS.map(([name, text]) => h('option', { value: name, selected: current?.[0] === name }, text)));
  const value = h('input', { name: 'value', value: current ? params.get(current[0]) : '',
    autocomplete: 'off', spellcheck: 'false' });
  const form = h('form', { class: 'filter', role: 'search' },
    field('Show hops of', by), field('Named', value),
    h('button', { type: 'submit' }, 'Watch'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate('flow', by.value && value.value.trim() ? { [by.value]: value.value.trim() } : {});
  });

  const state = h('p', { class: 'live', 'data-state': 'connecting' }, 'Connecting…');
  const counts = h('p', { class: 'muted' });
  const traces = traceList();
  container.append(form,
    h('div', { class: 'legend' },
      h('span', { class: 'dest' }, 'baseline'), ' served by the shared baseline; ',
      h('span', { class: 'dest dest--fork' }, 'sandbox name'), ' served by the sandbox\'s fork.'),
    state, counts, traces.el);

  const what = current ? `${current[1]} ${params.get(current[0])}` : 'every hop';
  let pending = 0;
  const stop = follow('/hops/stream',
    { ...(current ? { [current[0]]: params.get(current[0]) } : {}), backlog: BACKLOG },
    'hop',
    (hop) => {
      traces.add(hop);
      // one repaint of the counts per frame, whatever the rate of hops
      if (!pending) {
        pending = requestAnimationFrame(() => {
          pending = 0;
          counts.textContent = `${traces.hops()} hops in ${traces.size()} traces`;
        });
      }
    },
    (s) => {
      state.dataset.state = s;
      state.textContent = s === 'live' ? `Live: ${what}; new hops appear as they are served.`
        : s === 'reconnecting' ? 'Connection lost; reconnecting…'
          : 'The stream ended (is the session still valid?). Reload the page to start again.';
      if (s !== 'live') announce(state.textContent);
    });
  counts.textContent = 'No hops yet: send a request through the router.';
  return () => {
    stop();
    if (pending) cancelAnimationFrame(pending);
  };
}
