// Runs and validations: their verdicts and steps, and each finished run's report.html (served by
// the API, read with the session cookie).

import { API, get, seg } from '../api.js';
import { badge, dateTime, errorBox, every, fill, h } from '../dom.js';

function reportLink(run) {
  if (run.state === 'RUNNING' || !run.reports?.html) return h('span', { class: 'muted' }, '—');
  return h('a', {
    href: `${API}/runs/${seg(run.id)}/reports/report.html`,
    target: '_blank',
    rel: 'noopener noreferrer',
    class: 'report',
    'data-run': run.id,
  }, 'report.html', h('span', { class: 'visually-hidden' }, ` of run ${run.id} (opens a new tab)`));
}

function stepsOf(run, open) {
  const steps = run.steps || [];
  if (!steps.length) return h('span', { class: 'muted' }, run.state === 'RUNNING' ? 'running…' : 'none');
  const counts = {};
  for (const s of steps) counts[s.verdict] = (counts[s.verdict] || 0) + 1;
  const summary = Object.entries(counts).map(([v, n]) => `${n} ${v}`).join(', ');
  return h('details', { 'data-run': run.id, open: open.has(run.id) },
    h('summary', {}, `${steps.length} steps: ${summary}`),
    h('ol', { class: 'steps' }, steps.map((s) => h('li', {},
      badge(s.verdict), ' ', h('strong', {}, s.id), h('span', { class: 'muted' }, ` ${s.action}`),
      s.durationMillis !== undefined ? h('span', { class: 'muted' }, ` · ${s.durationMillis} ms`) : null,
      s.message ? h('div', { class: 'step-message' }, s.message) : null))));
}

function runsTable(runs, open) {
  if (!runs.length) return h('p', { class: 'muted' }, 'No runs yet: prooflane skill run, or a validation.');
  return h('table', { class: 'grid', 'aria-labelledby': 'runs-h' },
    h('thead', {}, h('tr', {}, ['Run', 'Skill', 'Against', 'Started', 'State', 'Verdict', 'Steps', 'Report']
      .map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, runs.map((r) => h('tr', { 'data-run': r.id },
      h('th', { scope: 'row' }, h('code', { title: r.id }, r.id.slice(0, 8))),
      h('td', {}, r.skill),
      h('td', {}, r.sandbox ? `sandbox ${r.sandbox}` : 'baseline'),
      h('td', {}, dateTime(r.createdAt)),
      h('td', {}, badge(r.state)),
      h('td', {}, badge(r.verdict), r.message ? h('div', { class: 'muted' }, r.message) : null),
      h('td', {}, stepsOf(r, open)),
      h('td', {}, reportLink(r))))));
}

function validationsTable(validations) {
  if (!validations.length) return h('p', { class: 'muted' }, 'No validations yet: prooflane validate.');
  return h('table', { class: 'grid', 'aria-labelledby': 'validations-h' },
    h('thead', {}, h('tr', {}, ['Validation', 'Sandbox', 'Started', 'State', 'Verdict', 'Ready in', 'Runs']
      .map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, validations.map((v) => h('tr', { 'data-validation': v.id },
      h('th', { scope: 'row' }, h('code', { title: v.id }, v.id.slice(0, 8))),
      h('td', {}, v.sandbox, v.kept ? h('span', { class: 'muted' }, ' (kept)') : null),
      h('td', {}, dateTime(v.createdAt)),
      h('td', {}, badge(v.state)),
      h('td', {}, badge(v.verdict), v.message ? h('div', { class: 'muted' }, v.message) : null),
      h('td', { class: 'num' }, v.readyMillis != null ? `${v.readyMillis} ms` : '—'),
      h('td', {}, (v.runs || []).length
        ? h('ul', { class: 'plain' }, v.runs.map((r) => h('li', {}, badge(r.verdict), ` ${r.skill} `, reportLink(r))))
        : h('span', { class: 'muted' }, '—'))))));
}

export async function mount(container) {
  const validationsBox = h('div');
  const runsBox = h('div');
  container.append(
    h('section', { 'aria-labelledby': 'validations-h' }, h('h2', { id: 'validations-h' }, 'Validations'), validationsBox),
    h('section', { 'aria-labelledby': 'runs-h' }, h('h2', { id: 'runs-h' }, 'Runs'), runsBox));
  let shown = '';
  async function refresh() {
    try {
      const [runs, validations] = await Promise.all([get('/runs'), get('/validations')]);
      const seen = JSON.stringify([runs, validations]);
      if (seen === shown) return; // keep the DOM, and the keyboard focus in it
      shown = seen;
      const open = new Set([...runsBox.querySelectorAll('details[open]')].map((d) => d.dataset.run));
      fill(validationsBox, validationsTable([...(validations.validations || [])].reverse()));
      fill(runsBox, runsTable([...(runs.runs || [])].reverse(), open));
    } catch (error) {
      shown = '';
      fill(runsBox, errorBox(error));
    }
  }
  await refresh();
  return every(3000, refresh);
}
