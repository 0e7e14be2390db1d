// Building DOM nodes without innerHTML (text is never parsed as markup), and formatting values.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * An element: h('a', {href: '#/x', class: 'link'}, 'text', child). Attributes named on* that are
 * functions become listeners; true adds an empty attribute, false/null/undefined leave it out.
 * A tag 'svg:rect' makes an SVG element.
 */
export function h(tag, attrs, ...children) {
  const el = tag.startsWith('svg:')
    ? document.createElementNS(SVG_NS, tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children (nodes, strings, numbers, arrays of them; null and false are skipped). */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
  return parent;
}

/** Removes every child of el. */
export function clear(el) {
  el.replaceChildren();
  return el;
}

/** Replaces the children of el with children (as append takes them). */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** Says text to screen readers (the polite live region of index.html). */
export function announce(text) {
  const region = document.getElementById('announce');
  if (region) {
    region.textContent = '';
    region.textContent = text;
  }
}

/** An error as a paragraph that screen readers read at once. */
export function errorBox(error) {
  return h('p', { class: 'error', role: 'alert' }, error?.message || String(error));
}

/** 12:04:05 (local time) of an ISO-8601 instant. */
export function clock(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString([], { hour12: false });
}

/** Date and time of an ISO-8601 instant, local. */
export function dateTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString([], { hour12: false });
}

/** 850 µs, 12.3 ms, 1.20 s. */
export function micros(us) {
  if (us === null || us === undefined) return '—';
  if (us < 1000) return `${us} µs`;
  if (us < 1_000_000) return `${(us / 1000).toFixed(1)} ms`;
  return `${(us / 1_000_000).toFixed(2)} s`;
}

/** What is left until an ISO-8601 instant: 1h 02m, 4m 05s, 12s, expired; — without one. */
export function countdown(iso, now = Date.now()) {
  if (!iso) return '—';
  const left = Math.floor((Date.parse(iso) - now) / 1000);
  if (Number.isNaN(left)) return iso;
  if (left <= 0) return 'expired';
  return duration(left);
}

/** How long since iso, such as 5m 03s: 1h 02m 05s; — without a time. */
export function age(iso, now = Date.now()) {
  if (!iso) return '—';
  const since = Math.floor((now - Date.parse(iso)) / 1000);
  return Number.isNaN(since) ? iso : duration(Math.max(0, since));
}

function duration(total) {
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n) => String(n).padStart(2, '0');
  if (hours > 0) return `${hours}h ${two(minutes)}m ${two(seconds)}s`;
  if (minutes > 0) return `${minutes}m ${two(seconds)}s`;
  return `${seconds}s`;
}

/** A label with its control: <label>text <input></label>, so that the two are tied. */
export function field(text, control, hint) {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, text), control,
    hint ? h('span', { class: 'hint' }, hint) : null);
}

/** Calls fn every ms milliseconds while the page is visible; returns the stop function. */
export function every(ms, fn) {
  const timer = setInterval(() => {
    if (!document.hidden) fn();
  }, ms);
  return () => clearInterval(timer);
}

/** A badge for a state or verdict word (its class follows the word). */
export function badge(word) {
  const text = word || '—';
  return h('span', { class: `badge badge--${String(text).toLowerCase()}` }, text);
}
