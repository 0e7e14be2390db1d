// The form that creates a sandbox forking one service with the baseline's own command.

import { post } from '../api.js';
import { announce, errorBox, field, fill, h } from '../dom.js';

const NAME = '[a-z0-9]([a-z0-9\\-]{0,61}[a-z0-9])?';

/**
 * The create form; services: the service names; allowed: whether the session may create (else
 * the form is shown disabled, saying why); created(sandbox): after a creation.
 */
export function createForm(services, allowed, created) {
  const name = h('input', {
    name: 'name', required: true, pattern: NAME, maxlength: 63, autocomplete: 'off',
    spellcheck: 'false', placeholder: 'my-change',
  });
  const service = h('select', { name: 'service', required: true },
    services.map((s) => h('option', { value: s }, s)));
  const ttl = h('input', { name: 'ttl', placeholder: '30m', size: 6, pattern: '[0-9]+[smhd]' });
  const button = h('button', { type: 'submit' }, 'Create sandbox');
  const result = h('div', { class: 'form-result', 'aria-live': 'polite' });
  const fieldset = h('fieldset', { disabled: !allowed },
    h('legend', {}, 'Create a sandbox'),
    h('div', { class: 'row' },
      field('Name', name, 'lower-case letters, digits and dashes'),
      field('Service to fork', service, "runs the baseline's own command"),
      field('TTL (optional)', ttl, 'such as 30m or 2h'),
      button));
  const form = h('form', { class: 'create', 'aria-describedby': allowed ? null : 'create-why' },
    fieldset, result);
  if (!allowed) {
    form.append(h('p', { id: 'create-why', class: 'muted' },
      'Read-only session: creating and deleting sandboxes needs a token with the ',
      h('code', {}, 'sandbox:write'), ' scope.'));
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!allowed) return;
    const request = { name: name.value.trim(), forks: [{ service: service.value }] };
    if (ttl.value.trim()) request.ttl = ttl.value.trim();
    button.disabled = true;
    fill(result, h('p', { class: 'muted' },
      `Creating ${request.name}: starting a fork of ${service.value} and waiting for its health check…`));
    try {
      const sandbox = await post('/sandboxes', request);
      fill(result, h('p', { class: 'ok' }, 'Created ', h('strong', {}, sandbox.name),
        ' with routing key ', h('code', {}, sandbox.routingKey), ' · ',
        h('a', { href: `#/flow?sandbox=${encodeURIComponent(sandbox.name)}` }, 'watch its requests')));
      announce(`Sandbox ${sandbox.name} created`);
      name.value = '';
      created(sandbox);
    } catch (error) {
      fill(result, errorBox(error));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}
