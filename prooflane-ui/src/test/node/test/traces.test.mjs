// How the request-flow page nests a trace's hops, without a browser: each hop under the narrowest
// hop that encloses it in time, also when a service calls two others in parallel.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nest } from '../../../main/resources/dev/prooflane/ui/static/pages/traces.js';

const step = (service, start, end) => ({ hop: { service, seq: start }, start, end });
const tree = (nodes) => nodes.map((n) => [n.step.hop.service, ...tree(n.calls)]);

test('a call made while a parallel sibling runs stays under its caller', () => {
  // frontend calls catalog and inventory in parallel; inventory starts before catalog's call
  const roots = nest([
    step('pricing', 30, 50),
    step('inventory', 20, 90),
    step('catalog', 10, 60),
    step('frontend', 0, 100),
  ]);
  assert.deepEqual(tree(roots), [['frontend', ['catalog', ['pricing']], ['inventory']]]);
});

test('hops of no common exchange are roots, the narrowest encloser wins', () => {
  const roots = nest([step('a', 0, 10), step('b', 20, 30), step('c', 21, 29), step('d', 22, 28)]);
  assert.deepEqual(tree(roots), [['a'], ['b', ['c', ['d']]]]);
});
