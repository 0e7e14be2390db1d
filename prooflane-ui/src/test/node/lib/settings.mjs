// What DashboardBrowserIT hands the suite, read once, each with the variable that sets it.
import { mkdirSync } from 'node:fs';

function need(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run this suite through DashboardBrowserIT (mvn verify -pl prooflane-ui -am)`);
  }
  return value;
}

function number(name, fallback) {
  const value = process.env[name];
  if (!value) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: ${value} (expected: an integer > 0)`);
  return n;
}

export const settings = {
  /** http://127.0.0.1:PORT: the daemon, where /ui and /api/v1 are. */
  base: need('PROOFLANE_BASE'),
  /** The admin token, for what the suite prepares through the API (not the browser). */
  token: need('PROOFLANE_TOKEN'),
  /** The admin's one-time login link, made by DaemonClient.loginLink(). */
  loginUrl: need('PROOFLANE_LOGIN_URL'),
  /** Where the screenshot and figures.json go. */
  out: need('PROOFLANE_OUT'),
  chromium: process.env.CHROMIUM || '/usr/bin/chromium',
  /** Keyed requests whose hops are timed on the request-flow page. */
  requests: number('PROOFLANE_REQUESTS', 30),
  /** Sandboxes behind the page-load figure of the sandboxes page. */
  sandboxes: number('PROOFLANE_SANDBOXES', 1000),
};
mkdirSync(settings.out, { recursive: true });
