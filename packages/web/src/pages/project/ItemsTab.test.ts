import { describe, expect, it } from 'vitest';
import { itemsPath, pageRangeLabel, parseItemsQuery } from './ItemsTab';

describe('the items list query', () => {
  it('reads kind, state and keyset from the address, and drops a state that gold or qualification items cannot have', () => {
    expect(parseItemsQuery('?state=in_progress&after=900000')).toEqual({
      kind: undefined,
      state: 'in_progress',
      after: 900000,
    });
    expect(parseItemsQuery('?kind=production&state=disputed')).toMatchObject({
      kind: 'production',
      state: 'disputed',
    });
    // The server refuses kind=gold with a state; the page never asks.
    expect(parseItemsQuery('?kind=gold&state=open')).toEqual({
      kind: 'gold',
      state: undefined,
      after: 0,
    });
    expect(parseItemsQuery('?kind=nonsense&state=done&after=-3')).toEqual({
      kind: undefined,
      state: undefined,
      after: 0,
    });
  });

  it('writes the address back without the parts that are not set', () => {
    expect(itemsPath('prj_1', { state: 'open' }, 50)).toBe(
      '/projects/prj_1/items?state=open&after=50',
    );
    expect(itemsPath('prj_1', {}, 0)).toBe('/projects/prj_1/items');
    const back = itemsPath('prj_1', { kind: 'production', state: 'complete' }, 7);
    expect(parseItemsQuery(back.slice(back.indexOf('?')))).toEqual({
      kind: 'production',
      state: 'complete',
      after: 7,
    });
  });

  it('says which items of how many the page shows, with the filter’s own total', () => {
    expect(pageRangeLabel({}, 1, 50, 1_000_000)).toBe('#1–#50 of 1,000,000 items');
    expect(pageRangeLabel({ kind: 'gold' }, 13, 14, 2)).toBe('2 gold items, #13 to #14');
    expect(pageRangeLabel({ state: 'in_progress' }, 18_001, 18_120, 1)).toBe(
      '1 item in progress, #18,001 to #18,120',
    );
    expect(pageRangeLabel({ state: 'disputed' }, 4, 9_990, 168)).toBe(
      '168 disputed items, #4 to #9,990',
    );
  });
});
