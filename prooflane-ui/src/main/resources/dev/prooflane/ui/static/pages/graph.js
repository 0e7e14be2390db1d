// The call graph of the environment as SVG: services in columns by how far they are from the
// callers outside the environment ("client"), an arrow per caller → callee with its call counts.

import { h } from '../dom.js';

const NODE_W = 168;
const NODE_H = 52;
const COLUMN = 310;
const ROW = 76;
const PAD = 16;
export const CLIENT = 'client';

/** Column of every node: breadth-first from the nodes nobody calls (client first). */
function columns(names, edges) {
  const callees = new Map(names.map((n) => [n, []]));
  const called = new Set();
  for (const e of edges) {
    callees.get(e.from)?.push(e.to);
    if (e.from !== e.to) called.add(e.to);
  }
  const depth = new Map();
  const roots = names.filter((n) => !called.has(n));
  const queue = roots.map((n) => [n, 0]);
  const visit = () => {
    while (queue.length) {
      const [name, d] = queue.shift();
      if (depth.has(name)) continue;
      depth.set(name, d);
      for (const next of callees.get(name) || []) queue.push([next, d + 1]);
    }
  };
  visit();
  for (const name of names) {
    // services on a cycle that no root reaches
    if (!depth.has(name)) {
      queue.push([name, 0]);
      visit();
    }
  }
  return depth;
}

/** client (callers outside the environment), topic (a Kafka topic's consumers) or service. */
function kindOf(name) {
  if (name === CLIENT) return 'client';
  return name.startsWith('topic:') ? 'topic' : 'service';
}

function edgeLabel(e) {
  return e.sandboxCalls ? `${e.calls} (${e.sandboxCalls} sandbox)` : `${e.calls}`;
}

/**
 * The SVG of graph ({nodes, edges} of GET /graph) with every service of services listed even when
 * it was never called.
 */
export function callGraph(graph, services) {
  const byName = new Map();
  for (const s of services) byName.set(s, { service: s, kind: 'service', calls: 0, sandboxCalls: 0 });
  for (const n of graph.nodes || []) byName.set(n.service, n);
  const edges = (graph.edges || []).filter((e) => e.from !== e.to);
  for (const e of edges) {
    for (const end of [e.from, e.to]) {
      if (!byName.has(end)) byName.set(end, { service: end, kind: kindOf(end), calls: 0, sandboxCalls: 0 });
    }
  }
  const outside = (name) => (byName.get(name).kind || kindOf(name)) !== 'service';
  const names = [...byName.keys()].sort((a, b) =>
    outside(a) !== outside(b) ? (outside(a) ? -1 : 1) : a.localeCompare(b));
  const depth = columns(names, edges);
  const perColumn = new Map();
  const at = new Map();
  for (const name of names) {
    const c = depth.get(name);
    const row = perColumn.get(c) || 0;
    perColumn.set(c, row + 1);
    at.set(name, { x: PAD + c * COLUMN, y: PAD + row * ROW });
  }
  const width = PAD * 2 + (Math.max(0, ...depth.values()) * COLUMN) + NODE_W;
  const height = PAD * 2 + (Math.max(1, ...perColumn.values()) - 1) * ROW + NODE_H;
  const summary = edges.length
    ? edges.map((e) => `${e.from} calls ${e.to} (${edgeLabel(e)})`).join('; ')
    : 'no calls seen yet';
  const svg = h('svg:svg', {
    class: 'graph',
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-label': `Service call graph: ${summary}`,
  });
  svg.append(h('svg:defs', {},
    h('svg:marker', {
      id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8,
      orient: 'auto-start-reverse',
    }, h('svg:path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }))));
  for (const e of edges) {
    const a = at.get(e.from);
    const b = at.get(e.to);
    const x1 = a.x + NODE_W;
    const y1 = a.y + NODE_H / 2;
    const x2 = b.x;
    const y2 = b.y + NODE_H / 2;
    const bend = Math.max(40, Math.abs(x2 - x1) / 2);
    const d = x2 > x1
      ? `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`
      : `M ${x1} ${y1} C ${x1 + 80} ${y1 + ROW}, ${x2 - 80} ${y2 + ROW}, ${x2} ${y2}`;
    svg.append(h('svg:g', { class: e.sandboxCalls ? 'edge edge--sandbox' : 'edge' },
      h('svg:title', {}, `${e.from} → ${e.to}: ${edgeLabel(e)} calls`),
      h('svg:path', { d, 'marker-end': 'url(#arrow)' }),
      h('svg:text', { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 6, 'text-anchor': 'middle' },
        edgeLabel(e))));
  }
  for (const name of names) {
    const n = byName.get(name);
    const kind = n.kind || kindOf(name);
    const { x, y } = at.get(name);
    svg.append(h('svg:g', {
      class: kind === 'service' ? 'node' : 'node node--client',
      'data-service': name,
    },
    h('svg:title', {}, kind === 'client' ? 'callers outside the environment'
      : kind === 'topic' ? `the consumers of ${name.slice(6)}` : name),
    h('svg:rect', { x, y, width: NODE_W, height: NODE_H, rx: 6 }),
    h('svg:text', { x: x + 10, y: y + 21, class: 'node-name' }, name),
    h('svg:text', { x: x + 10, y: y + 40, class: 'node-calls' },
      kind === 'client' ? 'outside callers' : kind === 'topic' ? 'messages'
        : `${n.calls} call${n.calls === 1 ? '' : 's'}${n.sandboxCalls ? `, ${n.sandboxCalls} to forks` : ''}`)));
  }
  return svg;
}
