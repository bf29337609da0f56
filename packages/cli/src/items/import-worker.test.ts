import { createHash } from 'node:crypto';
import { MessageChannel } from 'node:worker_threads';
import { PROJECT_TEMPLATES, projectConfigSchema, type ProjectConfig } from '@concord/core/config';
import { canonicalJson } from '@concord/core/audit';
import { receiveCheckedRows, serveCheckedRows, type RowsJob } from './import-worker.js';
import { useTempFiles } from '../test/temp-files.js';
import { ItemsFileError } from './read-item-rows.js';

/** The sentiment template's config (labels positive, neutral, negative), as a project has it. */
const config: ProjectConfig = projectConfigSchema.parse(
  PROJECT_TEMPLATES.find((t) => t.id === 'sentiment')!.config,
);

type Items = Parameters<Parameters<ReturnType<typeof receiveCheckedRows>['check']>[0]>[0];

describe('rows read and checked off the storing thread', () => {
  const file = useTempFiles('concord-rows-worker-');

  /** Runs both sides over a MessageChannel: the messages a worker thread would exchange. */
  function connect(file: string, options: Partial<RowsJob> = {}) {
    const job: RowsJob = {
      file,
      format: 'jsonl',
      config,
      skipInvalid: false,
      maxProblems: 50,
      batchSize: 100,
      ...options,
    };
    const { port1, port2 } = new MessageChannel();
    const stopped = { count: 0 };
    const progress: number[] = [];
    const rows = receiveCheckedRows(
      port1,
      (read) => progress.push(read),
      () => {
        stopped.count += 1;
        port1.close();
      },
    );
    port1.on('close', () => rows.end(new Error('closed early')));
    const served = serveCheckedRows(port2, job);
    return { rows, served, stopped, progress, port1 };
  }

  const write = (name: string, rows: readonly unknown[]) =>
    file(name, rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n'));

  it('hands every accepted row on in order, serialized as stored, with the digest of them all', async () => {
    const source = Array.from({ length: 1000 }, (_, i) => ({
      data: { text: `message ${i}`, lang: 'en' },
      ...(i % 10 === 0 ? { gold: { sentiment: 'positive' } } : {}),
      ...(i % 7 === 0 ? { meta: { z: i, a: 'x' } } : {}),
    }));
    const { rows, served, stopped } = connect(write('rows.jsonl', source));
    const received: { first: number; items: Items }[] = [];
    const check = await rows.check(async (items, first) => {
      received.push({ first, items });
    });
    await served;
    expect(received.map((r) => r.first)).toEqual([1, 257, 513, 769]);
    const data = received.flatMap((r) => r.items.data);
    expect(data).toEqual(source.map((r) => JSON.stringify(r.data)));
    const ids = received.flatMap((r) => r.items.id);
    expect(ids.every((id) => /^itm_[0-9a-hjkmnp-tv-z]{20}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(1000);
    expect(received.flatMap((r) => r.items.kind).filter((k) => k === 'gold')).toHaveLength(100);
    const digest = createHash('sha256');
    for (const row of source) digest.update(`${canonicalJson(row)}\n`);
    expect(check).toMatchObject({ rows: 1000, accepted: 1000, gold: 100, rejectedRows: 0 });
    expect(check.sha256).toBe(digest.digest('hex'));
    expect(stopped.count).toBe(1);
  });

  it('keeps at most 8 batches in flight while the store is busy, then goes on', async () => {
    const path = write(
      'many.jsonl',
      Array.from({ length: 5000 }, (_, i) => ({ data: { text: `m${i}` } })),
    );
    const { rows, served, port1 } = connect(path);
    let posted = 0;
    let release!: () => void;
    const busy = new Promise<void>((resolve) => (release = resolve));
    let eighth!: () => void;
    const eightPosted = new Promise<void>((resolve) => (eighth = resolve));
    port1.on('message', (message: { kind: string }) => {
      if (message.kind === 'items' && ++posted === 8) eighth();
    });
    const done = rows.check(async () => busy);
    await eightPosted;
    // The reader has 12 more batches to send; it must wait for the first to be stored.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(posted).toBe(8);
    release();
    expect(await done).toMatchObject({ rows: 5000, accepted: 5000 });
    await served;
    expect(posted).toBe(20);
  });

  it('fails with the file error, by line, when the file cannot be read as a whole', async () => {
    const path = file('broken.json', '[{"data": {"text": "a"}},\n{"data": ');
    const { rows, served } = connect(path, { format: 'json' });
    const failure = await rows.check(async () => undefined).catch((error: unknown) => error);
    await served;
    expect(failure).toBeInstanceOf(ItemsFileError);
    expect(failure).toMatchObject({ file: path, line: 2 });
  });

  it('stops reading when storing fails, and fails with the store error', async () => {
    const path = write(
      'rows.jsonl',
      Array.from({ length: 3000 }, (_, i) => ({ data: { text: `m${i}` } })),
    );
    const { rows, served, stopped } = connect(path);
    let calls = 0;
    await expect(
      rows.check(async () => {
        calls += 1;
        if (calls === 2) throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    await served; // the reader ends instead of waiting for acknowledgements forever
    expect(calls).toBe(2);
    expect(stopped.count).toBe(1);
  });
});
