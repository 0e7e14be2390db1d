// The environment: who calls whom (learned from the hops the router kept), and each baseline
// service's state, restarts and addresses.

import { get } from '../api.js';
import { badge, dateTime, errorBox, every, fill, h } from '../dom.js';
import { callGraph } from './graph.js';

function servicesTable(services) {
  const restarts = services.some((s) => s.restarts !== undefined);
  return h('table', { class: 'grid', 'aria-labelledby': 'services-h' },
    h('thead', {}, h('tr', {},
      ['Service', 'State', restarts ? 'Restarts' : null, 'Through the router', 'Instance', 'PID', '']
        .filter((c) => c !== null).map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, services.map((s) => h('tr', { 'data-service': s.name },
      h('th', { scope: 'row' }, s.name),
      h('td', {}, badge(s.state), s.message ? h('span', { class: 'muted' }, ` ${s.message}`) : null),
      restarts ? h('td', { class: 'num' }, s.restarts ?? '—') : null,
      h('td', {}, s.routerUrl ? h('a', { href: s.routerUrl, rel: 'noopener' }, s.routerUrl) : '—'),
      h('td', {}, s.instancePort ? `127.0.0.1:${s.instancePort}` : '—'),
      h('td', { class: 'num' }, s.pid || '—'),
      h('td', {}, h('a', { href: `#/logs?service=${encodeURIComponent(s.name)}` },
        'Logs', h('span', { class: 'visually-hidden' }, ` of ${s.name}`)))))));
}

function edgesTable(edges, open) {
  if (!edges.length) return null;
  return h('details', { class: 'edges', open },
    h('summary', {}, `The ${edges.length} calls as a table`),
    h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ['Caller', 'Callee', 'Calls', 'To a fork']
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, edges.map((e) => h('tr', {},
        h('td', {}, e.from), h('td', {}, e.to),
        h('td', { class: 'num' }, e.calls), h('td', { class: 'num' }, e.sandboxCalls || 0))))));
}

export async function mount(container) {
  const facts = h('p', { class: 'facts' });
  const graphBox = h('div', { class: 'graph-box' });
  const tableBox = h('div');
  container.append(
    facts,
    h('section', { 'aria-labelledby': 'graph-h' },
      h('h2', { id: 'graph-h' }, 'Who calls whom'),
      h('p', { class: 'muted' }, 'Learned from the hops the router kept; "client" stands for',
        ' callers outside the environment. Dashed arrows carried requests to a fork.'),
      graphBox),
    h('section', { 'aria-labelledby': 'services-h' },
      h('h2', { id: 'services-h' }, 'Services'), tableBox),
  );

  let shown = '';
  let status = null; // read once: it lists every sandbox, and the facts shown here do not change
  async function refresh() {
    try {
      status ??= await get('/status');
      const [services, graph, sandboxes] = await Promise.all([
        get('/services'), get('/graph'), get('/sandboxes', { limit: 1 })]);
      const list = services.services || [];
      const seen = JSON.stringify([list, graph, sandboxes.total]);
      if (seen === shown) return; // nothing new: keep the DOM, and the keyboard focus in it
      shown = seen;
      fill(facts,
        h('span', {}, 'Environment ', h('strong', {}, status.environment)),
        h('span', {}, `${list.length} services`),
        h('span', {}, h('a', { href: '#/sandboxes' },
          `${sandboxes.total ?? (sandboxes.sandboxes || []).length} sandboxes`)),
        h('span', {}, `up since ${dateTime(status.startedAt)}`),
        h('span', {}, 'API ', h('code', {}, status.apiUrl)),
      );
      const edges = (graph.edges || []).filter((e) => e.from !== e.to);
      const open = graphBox.querySelector('details')?.open;
      fill(graphBox,
        callGraph(graph, list.map((s) => s.name)),
        edges.length ? null : h('p', { class: 'muted' },
          'No calls seen yet: send a request through the router and they appear here.'),
        edgesTable(edges, open),
      );
      fill(tableBox, servicesTable(list));
    } catch (error) {
      shown = '';
      fill(tableBox, errorBox(error));
    }
  }

  await refresh();
  return every(5000, refresh);
}
