// The load side of the next/submit bench, run as a child process of cycle.mjs so the simulated
// annotators do not share a CPU thread with the server. Each annotator loops over
// GET /api/projects/:id/next and POST /api/assignments/:id/submit over real HTTP until nothing is
// left for them or the time is up. Like a browser tab, each annotator keeps one keep-alive
// connection, opened (GET /api/health) before the clock starts: a shared pool (Node's fetch) opened
// extra connections mid-run whenever none was idle at that instant, and under load each new one
// took seconds to be accepted — the multi-second tail was connection set-up, not the server's
// work. Reads its job as JSON on stdin; writes the measurements as JSON on stdout.

import { once } from 'node:events';
import { Agent, request as httpRequest } from 'node:http';

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
/** The slowest requests: what, whose, when (ms since the start) and how long, to tell a stall from a queue. */
const slow = [];
const noteSlow = (what, index, n, start, ms) => {
  if (ms < 1000) return;
  slow.push({
    what,
    annotator: index,
    request: n,
    at: Math.round(start - started),
    ms: Math.round(ms),
  });
};
let duplicates = 0;
let annotations = 0;

/** One annotator's connection: a keep-alive socket of its own. */
function connection(token) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const { hostname, port } = new URL(baseUrl);
  return (method, path, body) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = httpRequest(
        {
          agent,
          hostname,
          port,
          method,
          path,
          headers: {
            authorization: `Bearer ${token}`,
            ...(payload === undefined
              ? {}
              : {
                  'content-type': 'application/json',
                  'content-length': Buffer.byteLength(payload),
                }),
          },
        },
        (res) => {
          const parts = [];
          res.on('data', (c) => parts.push(c));
          res.on('end', () => {
            const text = Buffer.concat(parts).toString('utf8');
            resolve({ status: res.statusCode, text, json: () => JSON.parse(text) });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
}

const connections = tokens.map(connection);
await Promise.all(connections.map((call) => call('GET', '/api/health')));
const cpuBefore = process.cpuUsage();
const started = performance.now();
const deadline = started + seconds * 1000;

async function annotator(index, call) {
  const seen = new Set();
  let n = 0;
  while (performance.now() < deadline) {
    let t = performance.now();
    const next = await call('GET', `/api/projects/${projectId}/next`);
    const nextBody = next.status === 200 ? next.json() : next.text;
    nextLatency.push(performance.now() - t);
    noteSlow('next', index, n, t, performance.now() - t);
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
    const submit = await call('POST', `/api/assignments/${nextBody.assignment.id}/submit`, {
      value: { sentiment: labels[(index + n) % labels.length] },
      clientId: `${nextBody.assignment.id}-1`,
      activeMs: 1500,
    });
    const submitBody = submit.text;
    const done = performance.now();
    submitLatency.push(done - t);
    noteSlow('submit', index, n, t, done - t);
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

await Promise.all(connections.map((call, i) => annotator(i, call)));
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
  slowest: slow.sort((a, b) => b.ms - a.ms).slice(0, 40),
  slowCount: slow.length,
};
if (!process.stdout.write(JSON.stringify(result))) await once(process.stdout, 'drain');
