import { describe, expect, it } from 'vitest';
import { describeVerification, pageOfSeq } from './audit-verdict';

const at = '2025-01-02 03:04:05';

describe('describeVerification', () => {
  it('reports an intact chain with the number of events checked', () => {
    expect(describeVerification({ ok: true, events: 1204 }, at)).toEqual({
      tone: 'success',
      title: 'Chain intact.',
      body: 'All 1,204 events verified at 2025-01-02 03:04:05 UTC: each one matches its recorded hash and links to the one before it.',
    });
  });

  it('names the broken seq and explains a known reason in plain words', () => {
    const text = describeVerification(
      { ok: false, events: 4, brokenAt: 4, reason: 'payload-digest-mismatch', message: 'x' },
      at,
    );
    expect(text.tone).toBe('error');
    expect(text.title).toBe('Chain broken at event #4.');
    expect(text.body).toMatch(/^Its stored payload no longer matches/);
    expect(text.body).toMatch(/Event #4 and every event after it cannot be trusted/);
  });

  it("falls back to the server's message for a reason it does not know", () => {
    const text = describeVerification(
      { ok: false, events: 9, brokenAt: 7, reason: 'new-kind', message: 'event 7: something new' },
      at,
    );
    expect(text.body).toMatch(/^event 7: something new\. Event #7/);
  });

  it('still explains a failure that came with neither reason nor message', () => {
    const text = describeVerification({ ok: false, events: 2, brokenAt: 2 }, at);
    expect(text.body).toMatch(/^Its hash does not match/);
  });
});

describe('pageOfSeq', () => {
  it('finds the page of an event in a newest-first log', () => {
    expect(pageOfSeq(120, 120, 50)).toBe(1);
    expect(pageOfSeq(71, 120, 50)).toBe(1);
    expect(pageOfSeq(70, 120, 50)).toBe(2);
    expect(pageOfSeq(1, 120, 50)).toBe(3);
  });

  it('stays on the first page for a seq newer than the newest it was told of', () => {
    expect(pageOfSeq(130, 120, 50)).toBe(1);
  });
});
