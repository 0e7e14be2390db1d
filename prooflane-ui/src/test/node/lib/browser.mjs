// Debian's Chromium, headless, driven by playwright-core (which downloads no browser of its own).
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';

export const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launch(executablePath) {
  if (!existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath}: install Debian's (apt-get install -y chromium)` +
      ' or point CHROMIUM at one');
  }
  return chromium.launch({ executablePath, args: ARGS, headless: true });
}

/**
 * Waits until fn(arg), run in the page, is truthy, and returns its value: a condition polled by
 * the browser, never a fixed sleep.
 */
export async function until(page, fn, arg, timeout = 15000) {
  const handle = await page.waitForFunction(fn, arg, { timeout, polling: 'raf' });
  return handle.jsonValue();
}
