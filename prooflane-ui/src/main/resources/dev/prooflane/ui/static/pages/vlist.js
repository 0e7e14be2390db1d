// A table whose rows exist in the DOM only while they are in view (plus a few around them): a list
// of 1,000 rows costs as much to show and scroll as one of 30.

import { h } from '../dom.js';

const OVERSCAN = 8;

/**
 * A virtualised table. columns: the column headings; rowHeight: every row's height in pixels;
 * row(i): {key, cells} of row i, where key changes when the row must be drawn again and cells are
 * the row's cell contents (nodes or text); onRange(first, last): the rows now in view, to load.
 */
export function virtualList({ label, columns, rowHeight, row, onRange }) {
  const spacer = h('div', { class: 'vspace', role: 'presentation' });
  const port = h('div', {
    class: 'vport',
    role: 'rowgroup',
    tabindex: '0',
    'aria-label': `${label}: the rows in view; scroll for more`,
  }, spacer);
  const table = h('div', { class: 'vtable', role: 'table', 'aria-label': label, 'aria-rowcount': 1 },
    h('div', { class: 'vhead', role: 'rowgroup' },
      h('div', { class: 'vrow vrow--head', role: 'row', 'aria-rowindex': 1 },
        columns.map((c) => h('div', { role: 'columnheader', class: 'vcell' }, c)))),
    port);
  let count = 0;
  let frame = 0;
  const drawn = new Map(); // index → {key, el}

  function range() {
    const first = Math.max(0, Math.floor(port.scrollTop / rowHeight) - OVERSCAN);
    const last = Math.min(count - 1,
      Math.ceil((port.scrollTop + port.clientHeight) / rowHeight) + OVERSCAN);
    return [first, last];
  }

  function draw() {
    frame = 0;
    const [first, last] = range();
    for (const [i, drawnRow] of drawn) {
      if (i < first || i > last) {
        drawnRow.el.remove();
        drawn.delete(i);
      }
    }
    for (let i = first; i <= last; i++) {
      const { key, cells, attrs } = row(i);
      const old = drawn.get(i);
      if (old && old.key === key) continue;
      const el = h('div', {
        ...attrs,
        class: `vrow${attrs?.class ? ` ${attrs.class}` : ''}`,
        role: 'row',
        'aria-rowindex': i + 2,
      }, cells.map((c) => h('div', { role: 'cell', class: 'vcell' }, c)));
      el.style.transform = `translateY(${i * rowHeight}px)`;
      if (old) old.el.replaceWith(el);
      else spacer.append(el);
      drawn.set(i, { key, el });
    }
    if (count > 0) onRange?.(first, last);
  }

  function schedule() {
    if (!frame) frame = requestAnimationFrame(draw);
  }

  port.addEventListener('scroll', schedule, { passive: true });
  const resize = new ResizeObserver(schedule);
  resize.observe(port);

  return {
    el: table,
    /** Sets how many rows there are. */
    setCount(n) {
      count = n;
      spacer.style.height = `${n * rowHeight}px`;
      table.setAttribute('aria-rowcount', n + 1);
      for (const [i, drawnRow] of drawn) {
        if (i >= n) {
          drawnRow.el.remove();
          drawn.delete(i);
        }
      }
      schedule();
    },
    /** Draws the rows in view again where their key changed. */
    redraw: schedule,
    /** Draws every row in view again. */
    reset() {
      for (const drawnRow of drawn.values()) drawnRow.el.remove();
      drawn.clear();
      port.scrollTop = 0;
      schedule();
    },
    /** The rows in view: [first, last]. */
    range,
    /** The scrolling element. */
    port,
    destroy() {
      resize.disconnect();
      if (frame) cancelAnimationFrame(frame);
    },
  };
}
