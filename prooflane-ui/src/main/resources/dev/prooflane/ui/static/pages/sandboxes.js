// Sandboxes: filtered by the daemon (?q=, ?phase=), fetched a page at a time as the list scrolls,
// drawn as a virtualised list; create and delete for a session with sandbox:write.

import { del, get, seg } from '../api.js';
import { age, announce, badge, clear, countdown, errorBox, every, field, fill, h } from '../dom.js';
import { createForm } from './sandbox-form.js';
import { virtualList } from './vlist.js';

const PAGE = 100;
const ROW_HEIGHT = 44;
const PHASES = ['STARTING', 'READY', 'DEGRADED', 'FAILED', 'DELETING'];
const OWNER_LABEL = 'prooflane.dev/owner';

export async function mount(container, { session, params }) {
  const canWrite = session.can('sandbox:write');
  const filter = { q: params.get('q') || '', phase: params.get('phase') || '' };
  // page index → its sandboxes, or the generation whose fetch of it is under way
  const pages = new Map();
  let matched = 0;
  let total = 0;
  let generation = 0;

  const counter = h('p', { class: 'count', 'aria-live': 'polite' });
  const problem = h('div');
  const q = h('input', { type: 'search', name: 'q', value: filter.q, autocomplete: 'off',
    placeholder: 'name, key, owner or service' });
  const phase = h('select', { name: 'phase' }, h('option', { value: '' }, 'any'),
    PHASES.map((p) => h('option', { value: p, selected: p === filter.phase }, p.toLowerCase())));

  const list = virtualList({
    label: 'Sandboxes',
    columns: ['Name', 'Phase', 'Forks', 'Routing key', 'Running for', 'TTL left', 'Owner', canWrite ? 'Actions' : ''],
    rowHeight: ROW_HEIGHT,
    row: (i) => rowOf(i),
    onRange: load,
  });

  function at(i) {
    const page = pages.get(Math.floor(i / PAGE));
    return Array.isArray(page) ? page[i % PAGE] : undefined;
  }

  function rowOf(i) {
    const s = at(i);
    if (!s) return { key: 'loading', cells: [h('span', { class: 'muted' }, 'loading…')] };
    return {
      key: JSON.stringify(s),
      attrs: { 'data-sandbox': s.name, class: `phase-${s.phase.toLowerCase()}` },
      cells: [
        h('a', { href: `#/flow?sandbox=${encodeURIComponent(s.name)}`, class: 'name' }, s.name,
          h('span', { class: 'visually-hidden' }, ': its request flow')),
        h('span', { title: s.message || '' }, badge(s.phase)),
        (s.forks || []).map((f) => h('span', { class: 'fork' },
          h('a', { href: `#/logs?service=${encodeURIComponent(f.service)}&sandbox=${encodeURIComponent(s.name)}` },
            f.service, h('span', { class: 'visually-hidden' }, `: logs of the fork in ${s.name}`)),
          ' ', h('span', { class: 'muted' }, f.state))),
        h('code', {}, s.routingKey),
        h('span', { class: 'age', 'data-created': s.createdAt || '', title: s.createdAt || '' }, age(s.createdAt)),
        h('span', { class: 'ttl', 'data-expires': s.expiresAt || '' }, countdown(s.expiresAt)),
        s.owner || s.labels?.[OWNER_LABEL] || '—',
        canWrite ? h('button', {
          type: 'button', class: 'danger', 'data-delete': s.name,
          onclick: () => remove(s.name),
        }, 'Delete', h('span', { class: 'visually-hidden' }, ` ${s.name}`)) : '',
      ],
    };
  }

  async function fetchPage(index, gen) {
    const answer = await get('/sandboxes',
      { q: filter.q, phase: filter.phase, offset: index * PAGE, limit: PAGE });
    if (gen !== generation) return;
    pages.set(index, answer.sandboxes || []);
    matched = answer.matched ?? (answer.sandboxes || []).length;
    total = answer.total ?? matched;
    list.setCount(matched);
    counter.textContent = matched === total && !filter.q && !filter.phase
      ? `${total.toLocaleString()} sandboxes`
      : `${matched.toLocaleString()} of ${total.toLocaleString()} sandboxes match`;
    list.redraw();
  }

  function load(first, last) {
    const gen = generation;
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) {
      const page = pages.get(p);
      if (Array.isArray(page) || page === gen) continue;
      pages.set(p, gen);
      fetchPage(p, gen).catch((error) => {
        if (pages.get(p) === gen) pages.delete(p);
        fill(problem, errorBox(error));
      });
    }
  }

  /** Fetches the pages in view again (others are dropped), keeping what is drawn meanwhile. */
  async function reload(fromTop) {
    const gen = ++generation;
    if (fromTop) pages.clear();
    const [first, last] = fromTop ? [0, 0] : list.range();
    const wanted = [];
    for (let p = Math.floor(Math.max(0, first) / PAGE); p <= Math.floor(Math.max(0, last) / PAGE); p++) {
      wanted.push(p);
    }
    try {
      clear(problem);
      await Promise.all(wanted.map((p) => fetchPage(p, gen)));
      for (const p of [...pages.keys()]) if (!wanted.includes(p)) pages.delete(p);
      if (fromTop) list.reset();
    } catch (error) {
      fill(problem, errorBox(error));
    }
  }

  async function remove(name) {
    if (!window.confirm(`Delete sandbox ${name}? Its forks stop and its key routes to the baseline.`)) {
      return;
    }
    try {
      await del(`/sandboxes/${seg(name)}`);
      announce(`Sandbox ${name} deleted`);
      await reload(false);
    } catch (error) {
      fill(problem, errorBox(error));
    }
  }

  let typing = 0;
  function filterChanged() {
    clearTimeout(typing);
    typing = setTimeout(() => {
      filter.q = q.value.trim();
      filter.phase = phase.value;
      history.replaceState(null, '', `#/sandboxes${query()}`);
      reload(true);
    }, 200);
  }
  const query = () => {
    const p = new URLSearchParams(Object.entries(filter).filter(([, v]) => v)).toString();
    return p ? `?${p}` : '';
  };
  q.addEventListener('input', filterChanged);
  phase.addEventListener('change', filterChanged);

  let services = [];
  try {
    services = ((await get('/services')).services || []).map((s) => s.name);
  } catch (error) {
    problem.append(errorBox(error));
  }
  container.append(
    createForm(services, canWrite, () => reload(false)),
    h('form', { class: 'filter', role: 'search', onsubmit: (e) => e.preventDefault() },
      field('Filter', q), field('Phase', phase)),
    counter, problem, list.el);
  await reload(true);

  const stopTick = every(1000, () => {
    const now = Date.now();
    for (const ttl of list.port.querySelectorAll('.ttl[data-expires]')) {
      if (ttl.dataset.expires) ttl.textContent = countdown(ttl.dataset.expires, now);
    }
    for (const running of list.port.querySelectorAll('.age[data-created]')) {
      if (running.dataset.created) running.textContent = age(running.dataset.created, now);
    }
  });
  const stopRefresh = every(5000, () => reload(false));
  return () => {
    stopTick();
    stopRefresh();
    clearTimeout(typing);
    list.destroy();
  };
}
