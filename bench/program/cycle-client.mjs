// The load side of the next/submit bench, run as a child process of cycle.mjs so the simulated
// annotators do not share a CPU thread with the server. Each annotator loops over
// GET /api/projects/:id/next and POST /api/assignments/:id/submit over real HTTP (Node's fetch,
// keep-alive) until nothing is left for them or the time is up. Reads its job as JSON on stdin;
// writes the measurements as JSON on stdout.

import { once } from 'node:events';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const job = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const { baseUrl, projectId, tokens, seconds, labels } = job;

const nextLatency = [];
const submitLatency = [];
/** Submissions completed per second since the start. */
const perSecond = [];
const statuses = {};
const errors = [];
let duplicates = 0;
let annotations = 0;
const cpuBefore = process.cpuUsage();
const started = performance.now();
const deadline = started + seconds * 1000;

async function annotator(index, token) {
  const headers = { authorization: `Bearer ${token}` };
  const seen = new Set();
  let n = 0;
  while (performance.now() < deadline) {
    let t = performance.now();
    const next = await fetch(`${baseUrl}/api/projects/${projectId}/next`, { headers });
    const nextBody = next.status === 200 ? await next.json() : await next.text();
    nextLatency.push(performance.now() - t);
    statuses[`next ${next.status}`] = (statuses[`next ${next.status}`] ?? 0) + 1;
    if (next.status === 204) return;
    if (next.status !== 200) {
      errors.push(`next ${next.status}: ${String(nextBody).slice(0, 200)}`);
      if (errors.length > 50) return;
      continue;
    }
    const itemId = nextBody.item.id;
    if (seen.has(itemId)) duplicates += 1;
    seen.add(itemId);
    t = performance.now();
    const submit = await fetch(`${baseUrl}/api/assignments/${nextBody.assignment.id}/submit`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        value: { sentiment: labels[(index + n) % labels.length] },
        clientId: `${nextBody.assignment.id}-1`,
        activeMs: 1500,
      }),
    });
    const submitBody = await submit.text();
    const done = performance.now();
    submitLatency.push(done - t);
    statuses[`submit ${submit.status}`] = (statuses[`submit ${submit.status}`] ?? 0) + 1;
    if (submit.status !== 201) {
      errors.push(`submit ${submit.status}: ${submitBody.slice(0, 200)}`);
      if (errors.length > 50) return;
      continue;
    }
    annotations += 1;
    n += 1;
    const second = Math.floor((done - started) / 1000);
    perSecond[second] = (perSecond[second] ?? 0) + 1;
  }
}

await Promise.all(tokens.map((token, i) => annotator(i, token)));
const elapsed = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const result = {
  elapsed,
  /** CPU time of this (client) process over the run, as a share of one core. */
  clientCpu: (cpu.user + cpu.system) / 1e6 / elapsed,
  annotations,
  duplicates,
  statuses,
  errors: errors.slice(0, 10),
  errorCount: errors.length,
  perSecond: Array.from(perSecond, (x) => x ?? 0),
  nextLatency,
  submitLatency,
};
if (!process.stdout.write(JSON.stringify(result))) await once(process.stdout, 'drain');
