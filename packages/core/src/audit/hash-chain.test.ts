import { chainEvent, verifyChain, canonicalJson, type StoredAuditEvent } from '@concord/core/audit';

function buildLog(n: number): StoredAuditEvent[] {
  const log: StoredAuditEvent[] = [];
  for (let i = 0; i < n; i++) {
    const at = `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z`;
    log.push(
      chainEvent(
        log.at(-1) ?? null,
        {
          actorId: 'usr_a',
          action: 'user.create',
          entityType: 'user',
          entityId: `usr_${i}`,
          payload: { i, email: `u${i}@example.org` },
        },
        at,
      ),
    );
  }
  return log;
}

describe('audit hash chain', () => {
  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });

  it('an untouched log verifies', () => {
    expect(verifyChain(buildLog(5))).toEqual({ ok: true, events: 5 });
  });

  it('names the event whose payload was edited', () => {
    const log = buildLog(5);
    log[2] = { ...log[2]!, payload: { i: 2, email: 'mallory@example.org' } };
    expect(verifyChain(log)).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: 'payload-digest-mismatch',
    });
  });

  it('names the event whose fields were edited even when its digest was recomputed', () => {
    const log = buildLog(5);
    log[3] = { ...log[3]!, actorId: 'usr_mallory' };
    expect(verifyChain(log)).toMatchObject({ ok: false, brokenAt: 4, reason: 'hash-mismatch' });
  });

  it('detects a rewritten event whose hash was recomputed by the link from the next event', () => {
    const log = buildLog(5);
    const forged = chainEvent(
      log[0]!,
      {
        actorId: 'usr_mallory',
        action: 'user.create',
        entityType: 'user',
        entityId: 'usr_1',
        payload: {},
      },
      log[1]!.at,
    );
    log[1] = forged;
    expect(verifyChain(log)).toMatchObject({ ok: false, brokenAt: 3, reason: 'broken-link' });
  });

  it('detects a deleted event', () => {
    const log = buildLog(5);
    log.splice(1, 1);
    expect(verifyChain(log)).toMatchObject({ ok: false, brokenAt: 3, reason: 'sequence-gap' });
  });
});
