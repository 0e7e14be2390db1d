// A service's or a fork's output, live: the daemon pushes each line as a server-sent event.

import { follow, get, seg } from '../api.js';
import { clock, field, h } from '../dom.js';

const KEEP = 2000;

export async function mount(container, { params, navigate }) {
  const services = ((await get('/services')).services || []).map((s) => s.name);
  const chosen = params.get('service') || services[0] || '';
  const service = h('select', { name: 'service' },
    services.map((s) => h('option', { value: s, selected: s === chosen }, s)));
  const sandbox = h('input', { name: 'sandbox', value: params.get('sandbox') || '',
    autocomplete: 'off', spellcheck: 'false', placeholder: 'baseline' });
  const tail = h('input', { name: 'tail', type: 'number', min: 1, max: 5000,
    value: params.get('tail') || 200, size: 5 });
  const form = h('form', { class: 'filter' },
    field('Service', service), field('Fork in sandbox (empty: the baseline)', sandbox),
    field('Earlier lines', tail), h('button', { type: 'submit' }, 'Follow'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate('logs', { service: service.value, sandbox: sandbox.value.trim(), tail: tail.value });
  });
  const state = h('p', { class: 'live', 'data-state': 'connecting' });
  const lines = h('ol', { class: 'log', tabindex: '0', 'aria-label': 'Log lines, oldest first' });
  container.append(form, state, lines);
  if (!chosen) {
    state.textContent = 'The environment has no services.';
    return undefined;
  }
  const what = params.get('sandbox')
    ? `${chosen} in sandbox ${params.get('sandbox')}` : `${chosen} (baseline)`;
  state.textContent = `Connecting to the output of ${what}…`;
  const stop = follow(`/services/${seg(chosen)}/logs/stream`,
    { sandbox: params.get('sandbox'), tail: tail.value },
    'line',
    (line) => {
      const atBottom = lines.scrollTop + lines.clientHeight >= lines.scrollHeight - 4;
      const err = line.stream === 'err' || line.stream === 'stderr';
      lines.append(h('li', { class: err ? 'line line--err' : 'line', dataset: { seq: line.seq } },
        h('time', { datetime: line.time }, clock(line.time)), ' ',
        err ? h('span', { class: 'visually-hidden' }, 'error output: ') : null,
        h('span', { class: 'text' }, line.text)));
      while (lines.childElementCount > KEEP) lines.firstElementChild.remove();
      if (atBottom) lines.scrollTop = lines.scrollHeight;
    },
    (s) => {
      state.dataset.state = s;
      state.textContent = s === 'live' ? `Following the output of ${what}.`
        : s === 'reconnecting' ? 'Connection lost; reconnecting…'
          : `The stream of ${what} ended (no such service or fork, or the session ended).`;
    });
  return stop;
}
