// Percentiles and the figures file DashboardBrowserIT prints.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The p-th percentile (nearest rank) of values. */
export function percentile(values, p) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** {n, p50, p99, max} of values, rounded to 0.1. */
export function summary(values) {
  const round = (v) => Math.round(v * 10) / 10;
  return {
    n: values.length,
    p50: round(percentile(values, 50)),
    p99: round(percentile(values, 99)),
    max: round(Math.max(...values)),
  };
}

/**
 * Records figure name in dir/figures.json, beside those already there (each test file runs in a
 * process of its own; DashboardBrowserIT deletes the file before the suite starts).
 */
export function record(dir, name, value) {
  const file = join(dir, 'figures.json');
  const figures = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  figures[name] = value;
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`figure ${name}: ${JSON.stringify(value)}`);
}
