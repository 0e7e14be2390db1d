// The daemon's REST API from the suite's side (bearer tokens, no browser): what the tests prepare
// and check behind the page's back.
import { randomBytes } from 'node:crypto';

export class Daemon {
  constructor(base, token) {
    this.base = base;
    this.token = token;
  }

  /** The same daemon as another token. */
  as(token) {
    return new Daemon(this.base, token);
  }

  async call(method, path, body) {
    const response = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.token}`,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) {
      throw new Error(`${method} ${path}: ${response.status} ${text}`);
    }
    return json;
  }

  get(path) {
    return this.call('GET', path);
  }

  post(path, body) {
    return this.call('POST', path, body ?? {});
  }

  delete(path) {
    return this.call('DELETE', path);
  }

  /** A one-time login link for this daemon's token. */
  async loginLink() {
    return (await this.post('/login-links')).url;
  }

  /** The router address of service (from /services). */
  async routerUrl(service) {
    const { services } = await this.get('/services');
    const found = services.find((s) => s.name === service);
    if (!found) throw new Error(`no service ${service} in ${services.map((s) => s.name)}`);
    return found.routerUrl;
  }
}

/** A fresh W3C trace id (32 hex) and the traceparent header that starts it. */
export function newTrace() {
  const traceId = randomBytes(16).toString('hex');
  return { traceId, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` };
}

/**
 * Sends GET url with key in the W3C baggage (under baggageName) and a fresh trace; returns the
 * trace id, when the request was sent (ms since the epoch) and the status.
 */
export async function keyedRequest(url, baggageName, key) {
  const { traceId, traceparent } = newTrace();
  const sent = Date.now();
  const response = await fetch(url, { headers: { baggage: `${baggageName}=${key}`, traceparent } });
  await response.arrayBuffer();
  return { traceId, sent, status: response.status };
}
