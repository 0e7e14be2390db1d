// Hops grouped by trace, each trace drawn as the path its request took through the services: a
// hop's calls follow it (a hop is a call of the one whose exchange encloses it in time), each hop
// marked baseline or the sandbox's name, with its status and duration.

import { clock, h, micros } from '../dom.js';

const MAX_TRACES = 200;

/** Microseconds since the epoch of an ISO-8601 instant (Date.parse keeps milliseconds only). */
function micro(iso) {
  const fraction = /\.(\d+)Z$/.exec(iso);
  const seconds = Date.parse(fraction ? iso.replace(/\.\d+Z$/, 'Z') : iso);
  return seconds * 1000 + (fraction ? Number(fraction[1].padEnd(6, '0').slice(0, 6)) : 0);
}

/** A hop as a trace keeps it: when it began and ended, and when the page got it. */
function step(hop) {
  const start = micro(hop.time);
  return { hop, start, end: start + (hop.durationMicros || 0), arrived: Date.now() };
}

/**
 * The steps as a forest: each step under the narrowest earlier one whose exchange encloses it (as
 * the daemon's /graph decides a caller). Not a stack of open steps: calls a service makes in
 * parallel overlap, so a sibling may start between a step and its own call.
 */
export function nest(steps) {
  const sorted = [...steps].sort((a, b) => a.start - b.start || b.end - a.end || a.hop.seq - b.hop.seq);
  const nodes = sorted.map((s) => ({ step: s, calls: [] }));
  const width = (n) => n.step.end - n.step.start;
  const roots = [];
  nodes.forEach((node, i) => {
    let parent = null;
    for (const earlier of nodes.slice(0, i)) {
      const encloses = earlier.step.start <= node.step.start && node.step.end <= earlier.step.end;
      if (encloses && (parent === null || width(earlier) < width(parent))) parent = earlier;
    }
    (parent ? parent.calls : roots).push(node);
  });
  return roots;
}

function statusClass(hop) {
  if (!hop.status) return 'status status--none';
  if (hop.status >= 500) return 'status status--error';
  if (hop.status >= 400) return 'status status--warn';
  return 'status status--ok';
}

function hopBox({ hop, end, arrived }) {
  const fork = hop.destination !== 'baseline' && hop.destination !== 'refused';
  return h('div', {
    class: `hop ${fork ? 'hop--fork' : 'hop--baseline'}`,
    dataset: {
      seq: hop.seq,
      service: hop.service,
      destination: hop.destination,
      end: Math.round(end / 1000),
      arrived,
    },
  },
  h('span', { class: 'hop-service' }, hop.service),
  h('span', { class: fork ? 'dest dest--fork' : 'dest' },
    fork ? `sandbox ${hop.destination}` : hop.destination),
  h('span', { class: 'hop-request' }, hop.protocol === 'kafka' ? `consumed ${hop.path}`
    : `${hop.method} ${hop.path}`),
  h('span', { class: 'hop-result' },
    h('span', { class: statusClass(hop) },
      hop.status || (hop.protocol === 'kafka' ? 'consumed' : 'no answer')),
    ' ', h('span', { class: 'hop-time' }, micros(hop.durationMicros))));
}

function calls(nodes, label) {
  return h('ol', { class: 'calls', 'aria-label': label },
    nodes.map((n) => h('li', { class: 'call' }, hopBox(n.step),
      n.calls.length ? calls(n.calls, `calls of ${n.step.hop.service}`) : null)));
}

/** The list of traces, newest first; add(hop) puts each hop in its trace. */
export function traceList() {
  const el = h('ol', { class: 'traces', 'aria-label': 'Traces, newest first' });
  const traces = new Map(); // trace id → {item, path, steps, forks}
  const seen = new Set();

  function add(hop) {
    if (seen.has(hop.seq)) return;
    seen.add(hop.seq);
    const id = hop.traceId || `seq-${hop.seq}`;
    let trace = traces.get(id);
    if (!trace) {
      const forks = h('span', { class: 'trace-forks' });
      const path = h('div', { class: 'path' });
      const item = h('li', { class: 'trace', dataset: { trace: id } },
        h('div', { class: 'trace-head' },
          h('span', { class: 'trace-id', title: id },
            hop.traceId ? `trace ${hop.traceId.slice(0, 12)}…` : `hop ${hop.seq}`),
          hop.routingKey ? h('span', {}, 'key ', h('code', {}, hop.routingKey))
            : h('span', { class: 'muted' }, 'no key'),
          h('time', { datetime: hop.time }, clock(hop.time)),
          forks),
        path);
      trace = { item, path, forks, steps: [], sandboxes: new Set() };
      traces.set(id, trace);
      el.prepend(item);
      if (traces.size > MAX_TRACES) {
        const [oldest] = traces.keys();
        traces.get(oldest).item.remove();
        traces.delete(oldest);
      }
    }
    trace.steps.push(step(hop));
    trace.path.replaceChildren(calls(nest(trace.steps), 'Hops, each followed by the calls it made'));
    const fork = hop.destination !== 'baseline' && hop.destination !== 'refused';
    if (fork && !trace.sandboxes.has(hop.destination)) {
      trace.sandboxes.add(hop.destination);
      trace.item.classList.add('trace--fork');
      trace.forks.textContent = `through sandbox ${[...trace.sandboxes].join(', ')}`;
    }
  }

  return { el, add, size: () => traces.size, hops: () => seen.size };
}
