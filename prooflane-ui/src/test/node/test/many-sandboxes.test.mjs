// The sandboxes page with many sandboxes: how long it takes to show, and that it stays a
// virtualised list (only the rows in view are in the DOM) filtered by the daemon.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launch, until } from '../lib/browser.mjs';
import { Daemon } from '../lib/daemon.mjs';
import { record, summary } from '../lib/figures.mjs';
import { settings } from '../lib/settings.mjs';

const daemon = new Daemon(settings.base, settings.token);
const PARALLEL = 8;
const LOADS = 5;

/**
 * A fork as cheap as a fork gets: a few lines of Perl (part of every Debian system) that answer
 * 200 to everything, health check included, on the port the daemon gives it.
 */
const CHEAP_FORK = {
  service: 'pricing',
  command: [
    'perl', '-MIO::Socket::INET', '-e',
    'my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => $ENV{PORT}, Listen => 16,'
      + ' ReuseAddr => 1) or die "cannot listen on $ENV{PORT}: $!";'
      + ' while (my $c = $s->accept) { while (my $l = <$c>) { last if $l =~ /^\\r?\\n$/ }'
      + ' print $c "HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\nConnection: close\\r\\n\\r\\nok"; close $c }',
  ],
};

let browser;

before(async () => {
  browser = await launch(settings.chromium);
});

after(async () => {
  await browser?.close();
});

/** Creates count sandboxes bulk-0000... with PARALLEL requests at a time; returns the seconds. */
async function createMany(count) {
  const started = Date.now();
  let next = 0;
  async function worker() {
    while (next < count) {
      const i = next++;
      const name = `bulk-${String(i).padStart(4, '0')}`;
      await daemon.post('/sandboxes', { name, ttl: '2h', forks: [CHEAP_FORK] });
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return (Date.now() - started) / 1000;
}

test(`the sandboxes page shows ${settings.sandboxes} sandboxes as a virtualised list`, async () => {
  const seconds = await createMany(settings.sandboxes);
  const { total } = await daemon.get('/sandboxes?limit=1');
  assert.ok(total >= settings.sandboxes, `${total} sandboxes`);
  record(settings.out, 'sandboxesCreated', {
    n: settings.sandboxes, seconds: Math.round(seconds * 10) / 10, parallel: PARALLEL,
  });

  const context = await browser.newContext();
  const signIn = await context.newPage();
  await signIn.goto(await daemon.loginLink());
  await signIn.locator('.who').waitFor();
  await signIn.close();

  const loads = [];
  for (let i = 0; i < LOADS; i++) {
    const page = await context.newPage();
    page.setDefaultTimeout(30000);
    const started = Date.now();
    await page.goto(`${settings.base}/ui/#/sandboxes`);
    await until(page, (n) => {
      const count = document.querySelector('.count')?.textContent || '';
      return count.replace(/[^0-9]/g, '') === String(n)
        && document.querySelector('.vrow[data-sandbox]') !== null;
    }, total, 30000);
    loads.push(Date.now() - started);
    if (i < LOADS - 1) await page.close();
  }
  record(settings.out, 'sandboxesPageLoadMs', { sandboxes: total, ...summary(loads) });

  const page = context.pages().at(-1);
  await page.screenshot({ path: join(settings.out, 'sandboxes.png') });
  const rows = await page.locator('.vrow[data-sandbox]').count();
  assert.ok(rows > 5 && rows < 80, `only the rows in view are in the DOM (${rows} of ${total})`);

  // the last one is reached by scrolling: its page is fetched when it comes into view
  const last = `bulk-${String(settings.sandboxes - 1).padStart(4, '0')}`;
  await page.locator('.vport').evaluate((port) => { port.scrollTop = port.scrollHeight; });
  await page.locator(`.vrow[data-sandbox="${last}"]`).waitFor();

  // the filter is the daemon's: one sandbox matches its name
  const one = `bulk-${String(Math.floor(settings.sandboxes / 2)).padStart(4, '0')}`;
  const started = Date.now();
  await page.getByLabel('Filter').fill(one);
  await until(page, (name) => {
    const rows = document.querySelectorAll('.vrow[data-sandbox]');
    return rows.length === 1 && rows[0].dataset.sandbox === name;
  }, one);
  record(settings.out, 'sandboxesFilterMs', Date.now() - started);
  assert.match(await page.locator('.count').innerText(), new RegExp(`^1 of ${total.toLocaleString('en-US')}`));
  await context.close();
});
