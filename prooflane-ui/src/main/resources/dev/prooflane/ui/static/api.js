// The daemon's REST API as the page calls it: same-origin requests that carry the session cookie
// the one-time login link set. No token is ever held by the page.

export const API = '/api/v1';

/** An answer other than 2xx: status, the API's error code and message. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `the daemon answered ${status}`);
    this.status = status;
    this.code = body?.error;
  }
}

const signedOut = new Set();

/** Registers fn to hear that the session is gone (an answer 401). */
export function onSignedOut(fn) {
  signedOut.add(fn);
}

function url(path, params) {
  const u = new URL(API + path, window.location.origin);
  for (const [name, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') u.searchParams.set(name, value);
  }
  return u;
}

async function call(method, path, params, body) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url(path, params), init);
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = { message: text };
    }
  }
  if (response.status === 401) signedOut.forEach((fn) => fn());
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

/** GET path?params. */
export const get = (path, params) => call('GET', path, params);

/** POST body as JSON to path?params. */
export const post = (path, body, params) => call('POST', path, params, body ?? {});

/** DELETE path. */
export const del = (path) => call('DELETE', path);

/** One path segment, escaped. */
export const seg = (value) => encodeURIComponent(value);

/**
 * Follows the server-sent events of path?params: onEvent(data, event) per event named name (its
 * data parsed as JSON), onState('live' | 'reconnecting' | 'closed'). The browser reconnects by
 * itself, sending Last-Event-ID; 'closed' means it gave up (the session ended, a 4xx). Returns the
 * function that stops it.
 */
export function follow(path, params, name, onEvent, onState) {
  const source = new EventSource(url(path, params));
  source.addEventListener(name, (event) => {
    let data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    onEvent(data, event);
  });
  source.addEventListener('open', () => onState?.('live'));
  source.addEventListener('error', () => {
    onState?.(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
  });
  return () => source.close();
}

/** The session's token: {id, name, scopes, expiresAt} and what it may do. */
export async function whoami() {
  const me = await get('/whoami');
  const scopes = new Set(me.scopes || []);
  const can = (scope) => scopes.has('policy:admin') || scopes.has(scope);
  return { ...me, can };
}

/** Ends the session: the daemon clears the cookie. */
export async function signOut() {
  await fetch('/ui/logout', { method: 'POST', credentials: 'same-origin' });
}
