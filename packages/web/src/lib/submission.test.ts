import { describe, expect, it } from 'vitest';
import { nextSubmission } from './submission';

let n = 0;
const newId = () => `c${++n}`;

describe('nextSubmission', () => {
  it('retries the same answer with the same clientId, so the server stores it once', () => {
    const first = nextSubmission(null, 'asg_1', { sentiment: 'positive' }, newId);
    const retry = nextSubmission(first, 'asg_1', { sentiment: 'positive' }, newId);
    expect(retry.clientId).toBe(first.clientId);
  });

  it('treats the same answer built in another key order as the same attempt', () => {
    const first = nextSubmission(null, 'asg_1', { a: 1, b: [2] }, newId);
    expect(nextSubmission(first, 'asg_1', { b: [2], a: 1 }, newId).clientId).toBe(first.clientId);
  });

  it('gives a changed answer a new clientId, so the server cannot answer with the old one', () => {
    const first = nextSubmission(null, 'asg_1', { sentiment: 'positive' }, newId);
    const changed = nextSubmission(first, 'asg_1', { sentiment: 'negative' }, newId);
    expect(changed.clientId).not.toBe(first.clientId);
    expect(changed.value).toEqual({ sentiment: 'negative' });
  });

  it('never carries a clientId over to another item', () => {
    const first = nextSubmission(null, 'asg_1', { sentiment: 'positive' }, newId);
    expect(nextSubmission(first, 'asg_2', { sentiment: 'positive' }, newId).clientId).not.toBe(
      first.clientId,
    );
  });
});
