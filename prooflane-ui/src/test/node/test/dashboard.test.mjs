// The dashboard end to end in headless Chromium against a daemon running the demo shop: sign-in
// through the one-time link, the environment, a sandbox created and deleted from the page, keyed
// requests whose hops appear live with the fork marked, a run's report, and a read-only session.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launch, until } from '../lib/browser.mjs';
import { Daemon, keyedRequest } from '../lib/daemon.mjs';
import { record, summary } from '../lib/figures.mjs';
import { settings } from '../lib/settings.mjs';

const SANDBOX = 'ui-flow';
const LOGGING = 'ui-logs';
/** The pricing variant that writes a line per request it serves (the demo's discount change). */
const DISCOUNT = {
  service: 'pricing',
  command: ['java', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xmx64m', '-cp', '${artifact}',
    'dev.prooflane.examples.shop.pricing.PricingDiscountMain'],
};
const daemon = new Daemon(settings.base, settings.token);
let browser;
let admin; // the signed-in admin's browser context
let page;

before(async () => {
  browser = await launch(settings.chromium);
});

after(async () => {
  await browser?.close();
});

async function open(context, hash) {
  const p = await context.newPage();
  p.setDefaultTimeout(15000);
  await p.goto(`${settings.base}/ui/${hash}`);
  return p;
}

test('a browser without a session is told to run prooflane ui', async () => {
  const context = await browser.newContext();
  const p = await open(context, '#/sandboxes');
  await p.getByText('Open the dashboard with').waitFor();
  assert.match(await p.locator('main').innerText(), /prooflane ui/);
  assert.equal(await p.locator('#nav').isVisible(), false);
  await context.close();
});

test('the one-time login link signs the browser in, once', async () => {
  admin = await browser.newContext();
  page = await admin.newPage();
  page.setDefaultTimeout(15000);
  const answer = await page.goto(settings.loginUrl);
  assert.equal(new URL(page.url()).pathname, '/ui/');
  assert.equal(answer.status(), 200);
  await page.locator('.who[data-token="admin"]').waitFor();
  const cookie = (await admin.cookies()).find((c) => c.name === 'prooflane_session');
  assert.ok(cookie, 'the session cookie is set');
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Strict');
  assert.equal(await page.evaluate(() => document.cookie.includes('prooflane_session')), false);

  const other = await browser.newContext();
  const again = await other.newPage();
  const second = await again.goto(settings.loginUrl);
  assert.equal(second.status(), 401, 'a used link is refused');
  assert.match(await again.locator('body').innerText(), /prooflane ui/);
  await other.close();
});

test("the environment page shows the demo's services and who calls whom", async () => {
  // a request first, so that the graph has calls to draw
  const frontend = await daemon.routerUrl('frontend');
  const status = await daemon.get('/status');
  await keyedRequest(`${frontend}/products/1`, status.keyNames.baggage, 'no-such-sandbox');
  await page.goto(`${settings.base}/ui/#/environment`);
  for (const service of ['frontend', 'catalog', 'pricing', 'inventory', 'warehouse']) {
    await page.locator(`tr[data-service="${service}"]`).getByText('running').waitFor();
  }
  await page.locator('svg.graph g.node[data-service="catalog"]').waitFor();
  await until(page, () => document.querySelectorAll('svg.graph g.edge').length >= 2, null, 20000);
  await page.screenshot({ path: join(settings.out, 'environment.png') });
});

test('a sandbox created from the page forks pricing and is listed READY', async () => {
  await page.getByRole('navigation').getByRole('link', { name: 'Sandboxes', exact: true }).click();
  await page.getByLabel('Name').fill(SANDBOX);
  await page.getByLabel('Service to fork').selectOption('pricing');
  await page.getByLabel('TTL (optional)').fill('30m');
  await page.getByRole('button', { name: 'Create sandbox' }).click();
  await page.getByText(`Created ${SANDBOX}`).waitFor({ timeout: 90000 });
  const row = page.locator(`.vrow[data-sandbox="${SANDBOX}"]`);
  await row.getByText('READY').waitFor();
  assert.match(await row.locator('.ttl').innerText(), /^(29|30)m/);
  assert.match(await row.locator('.age').innerText(), /^\d+(s|m \d\ds)$/, 'how long it has run');
  assert.match(await row.innerText(), /admin/, 'its owner');
  const sandbox = await daemon.get(`/sandboxes/${SANDBOX}`);
  assert.equal(sandbox.forks[0].service, 'pricing');
});

test("keyed requests' hops appear live, the fork marked", async () => {
  const sandbox = await daemon.get(`/sandboxes/${SANDBOX}`);
  const status = await daemon.get('/status');
  const url = `${await daemon.routerUrl('frontend')}/products/1`;
  // the sandbox's name links to its request flow
  await page.goto(`${settings.base}/ui/#/sandboxes?q=${SANDBOX}`);
  // the page follows the hop stream (server-sent events), it does not poll
  const streamed = page.waitForRequest((r) => r.url().includes('/api/v1/hops/stream?'));
  await page.locator(`.vrow[data-sandbox="${SANDBOX}"] a.name`).click();
  assert.match((await streamed).url(), /sandbox=ui-flow/);
  await page.locator('.live[data-state="live"]').waitFor();
  assert.match(page.url(), /#\/flow\?sandbox=ui-flow$/);

  const sinceHop = []; // from the end of the hop (the router's clock) to its element on the page
  const sinceRequest = []; // from sending the request to the last of its hops on the page
  for (let i = 0; i < settings.requests; i++) {
    const sent = await keyedRequest(url, status.keyNames.baggage, sandbox.routingKey);
    assert.equal(sent.status, 200);
    const seen = await until(page, (trace) => {
      const item = document.querySelector(`li.trace[data-trace="${trace}"]`);
      const hops = item ? [...item.querySelectorAll('.hop')] : [];
      const fork = hops.find((h) => h.dataset.service === 'pricing');
      const front = hops.find((h) => h.dataset.service === 'frontend');
      // hops are recorded as their answers are written, not always in the order they ended:
      // wait for the whole path (frontend, catalog, pricing) before reading how it is drawn
      if (!fork || !front || !hops.some((h) => h.dataset.service === 'catalog')) return null;
      const caller = (hop) => hop.parentElement.parentElement.closest('li.call')
        ?.querySelector(':scope > .hop')?.dataset.service;
      return {
        services: hops.map((h) => h.dataset.service),
        pricingCaller: caller(fork),
        destinations: hops.map((h) => h.dataset.destination),
        forkMarked: fork.classList.contains('hop--fork') && fork.innerText.includes('sandbox ui-flow'),
        frontBaseline: front.classList.contains('hop--baseline'),
        front: { end: Number(front.dataset.end), arrived: Number(front.dataset.arrived) },
        lastArrived: Math.max(...hops.map((h) => Number(h.dataset.arrived))),
      };
    }, sent.traceId);
    assert.equal(seen.services[0], 'frontend', `the path: ${seen.services}`);
    if (seen.pricingCaller !== 'catalog') {
      const hops = (await daemon.get(`/hops?key=${sandbox.routingKey}&limit=1000`)).hops
        .filter((h) => h.traceId === sent.traceId)
        .map((h) => `${h.seq} ${h.service} ${h.time} ${h.durationMicros}us ${h.method} ${h.path}`);
      assert.fail(`pricing is drawn as a call of ${seen.pricingCaller}, not catalog; the trace's hops:\n${hops.join('\n')}`);
    }
    assert.equal(seen.destinations[seen.services.indexOf('pricing')], SANDBOX);
    assert.ok(seen.forkMarked, 'the fork is marked with the sandbox name');
    assert.ok(seen.frontBaseline, 'frontend is served by the baseline');
    sinceHop.push(Math.max(0, seen.front.arrived - seen.front.end));
    sinceRequest.push(seen.lastArrived - sent.sent);
  }
  record(settings.out, 'hopToPageMs', summary(sinceHop));
  record(settings.out, 'requestToPageMs', summary(sinceRequest));

  const shot = join(settings.out, 'request-flow.png');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: shot });
});

test("a run's report opens from the runs page", async () => {
  const run = await daemon.call('POST', '/runs?wait=true',
    { skill: 'product-contract', sandbox: SANDBOX, inputs: { productId: 1 } });
  assert.equal(run.state, 'DONE');
  await page.getByRole('navigation').getByRole('link', { name: 'Runs', exact: true }).click();
  const row = page.locator(`tr[data-run="${run.id}"]`);
  await row.getByText(run.verdict).first().waitFor();
  await row.locator('summary').click();
  await row.locator('ol.steps li').first().waitFor();
  const [report] = await Promise.all([
    admin.waitForEvent('page'),
    row.locator('a.report').click(),
  ]);
  await report.waitForLoadState();
  assert.match(new URL(report.url()).pathname, new RegExp(`/api/v1/runs/${run.id}/reports/report.html$`));
  assert.match(await report.locator('body').innerText(), /product-contract/);
  await report.close();
});

test('the sandbox is deleted from the page', async () => {
  await page.goto(`${settings.base}/ui/#/sandboxes`);
  const row = page.locator(`.vrow[data-sandbox="${SANDBOX}"]`);
  await row.waitFor();
  page.once('dialog', (dialog) => dialog.accept());
  await row.getByRole('button', { name: /Delete/ }).click();
  await row.waitFor({ state: 'detached', timeout: 60000 });
  await assert.rejects(daemon.get(`/sandboxes/${SANDBOX}`), /404/);
});

test("a fork's output is followed live from its sandbox's row", async () => {
  const sandbox = await daemon.post('/sandboxes', { name: LOGGING, forks: [DISCOUNT] });
  const status = await daemon.get('/status');
  await page.goto(`${settings.base}/ui/#/sandboxes?q=${LOGGING}`);
  await page.locator(`.vrow[data-sandbox="${LOGGING}"] .fork a`).click();
  await page.locator('.live[data-state="live"]').waitFor();
  assert.match(page.url(), /#\/logs\?service=pricing&sandbox=ui-logs$/);
  await page.locator('ol.log li').first().waitFor(); // the lines written before: its start
  const url = `${await daemon.routerUrl('frontend')}/products/2`;
  const sent = await keyedRequest(url, status.keyNames.baggage, sandbox.routingKey);
  assert.equal(sent.status, 200);
  await page.locator('ol.log li', { hasText: 'applied discount 10% to item 2' }).waitFor();
});

test('the audit log shows who created and deleted the sandbox', async () => {
  await page.getByRole('navigation').getByRole('link', { name: 'Audit log', exact: true }).click();
  await page.getByLabel('Event').fill('sandbox.');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.locator('tr[data-event="sandbox.deleted"]', { hasText: SANDBOX }).waitFor();
  const created = page.locator('tr[data-event="sandbox.created"]', { hasText: SANDBOX });
  assert.match(await created.innerText(), /admin/);
  assert.equal(await page.locator('tr[data-event^="session."]').count(), 0, 'filtered by event');
});

test('a read-only session can create and delete nothing, and signs out', async () => {
  const viewer = await daemon.post('/tokens', { name: 'viewer', scopes: ['sandbox:read'] });
  // the admin's sandbox ui-logs is a row the viewer could try to delete
  const link = await daemon.as(viewer.token).loginLink();
  const context = await browser.newContext();
  const p = await context.newPage();
  p.setDefaultTimeout(15000);
  await p.goto(link);
  await p.locator('.who[data-token="viewer"]').waitFor();
  await p.getByRole('navigation').getByRole('link', { name: 'Sandboxes', exact: true }).click();
  await p.locator(`.vrow[data-sandbox="${LOGGING}"]`).waitFor();
  await p.getByText('Read-only session').waitFor();
  assert.equal(await p.getByRole('button', { name: 'Create sandbox' }).isEnabled(), false);
  assert.equal(await p.locator('button:enabled', { hasText: /create|delete/i }).count(), 0);
  const refused = await p.evaluate(async (name) => {
    const create = await fetch('/api/v1/sandboxes', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'sneaky', forks: [{ service: 'pricing' }] }),
    });
    const remove = await fetch(`/api/v1/sandboxes/${name}`, { method: 'DELETE' });
    return [create.status, remove.status];
  }, LOGGING);
  assert.deepEqual(refused, [403, 403]);

  // signing out ends the session on the daemon, not only in the page
  await p.getByRole('button', { name: 'Sign out' }).click();
  await p.getByText('Open the dashboard with').waitFor();
  assert.equal(await p.evaluate(async () => (await fetch('/api/v1/whoami')).status), 401);
  await context.close();
  await daemon.delete(`/sandboxes/${LOGGING}`);
});
