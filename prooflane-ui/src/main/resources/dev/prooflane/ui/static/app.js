// The dashboard's shell: the session, the navigation and a hash router that mounts one page at a
// time (#/sandboxes, #/flow?key=abc). Each page module exports mount(container, context), which
// returns the function that stops what the page started (streams, timers).

import { ApiError, onSignedOut, signOut, whoami } from './api.js';
import { clear, errorBox, fill, h } from './dom.js';

const PAGES = {
  environment: { title: 'Environment', module: () => import('./pages/environment.js') },
  sandboxes: { title: 'Sandboxes', module: () => import('./pages/sandboxes.js') },
  flow: { title: 'Request flow', module: () => import('./pages/flow.js') },
  runs: { title: 'Runs and validations', module: () => import('./pages/runs.js') },
  logs: { title: 'Logs', module: () => import('./pages/logs.js') },
  audit: { title: 'Audit log', module: () => import('./pages/audit.js') },
};
const HOME = 'environment';

const main = document.getElementById('main');
let session = null;
let stopPage = () => {};
let first = true;

/** The page and parameters of the current hash: #/flow?sandbox=a → ['flow', {sandbox: 'a'}]. */
function route() {
  const hash = window.location.hash.replace(/^#\/?/, '');
  const [name, query] = hash.split('?');
  return [PAGES[name] ? name : HOME, new URLSearchParams(query || '')];
}

/** Goes to page name with params (a hash change, so that the back button works). */
export function navigate(name, params) {
  const query = new URLSearchParams(
    Object.entries(params || {}).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ).toString();
  window.location.hash = `#/${name}${query ? `?${query}` : ''}`;
}

async function show() {
  if (!session) return;
  stopPage();
  stopPage = () => {};
  const [name, params] = route();
  const page = PAGES[name];
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.getAttribute('href') === `#/${name}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${page.title} · Prooflane`;
  const heading = h('h1', { tabindex: '-1' }, page.title);
  const body = h('div', { class: 'page', dataset: { page: name } });
  fill(main, heading, body);
  if (!first) heading.focus();
  first = false;
  try {
    const module = await page.module();
    const stop = await module.mount(body, { session, params, navigate });
    if (typeof stop === 'function') stopPage = stop;
  } catch (error) {
    body.append(errorBox(error));
  }
}

function showSignedOut() {
  session = null;
  stopPage();
  stopPage = () => {};
  document.getElementById('nav').hidden = true;
  clear(document.getElementById('session'));
  document.title = 'Signed out · Prooflane';
  fill(main,
    h('h1', { tabindex: '-1' }, 'Not signed in'),
    h('p', { class: 'signed-out' }, 'Open the dashboard with ', h('code', {}, 'prooflane ui'),
      ': it prints a one-time link that signs this browser in.'),
    h('p', { class: 'muted' },
      'The link works once, for two minutes; the session ends when its token is revoked.'),
  );
}

function showSession(me) {
  const box = clear(document.getElementById('session'));
  const scopes = (me.scopes || []).join(', ');
  box.append(
    h('span', { class: 'who', 'data-token': me.name }, 'Signed in as ', h('strong', {}, me.name),
      h('span', { class: 'muted' }, ` (${scopes})`)),
    h('button', {
      type: 'button',
      class: 'quiet',
      onclick: async () => {
        await signOut();
        showSignedOut();
      },
    }, 'Sign out'),
  );
  document.getElementById('nav').hidden = false;
}

async function start() {
  onSignedOut(showSignedOut);
  try {
    session = await whoami();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      showSignedOut();
    } else {
      fill(main, h('h1', {}, 'Prooflane'), errorBox(error));
    }
    return;
  }
  showSession(session);
  window.addEventListener('hashchange', show);
  await show();
}

start();
