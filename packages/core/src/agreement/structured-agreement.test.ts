import { meanPairwiseKendallTau, pairwiseBoxF1, perLabelAlpha } from '@concord/core/agreement';

describe('agreement on rankings, boxes and label sets', () => {
  it('mean pairwise Kendall tau gives the JSDoc example', () => {
    expect(
      meanPairwiseKendallTau([
        [1, 2, 3],
        [1, 2, 3],
        [3, 2, 1],
      ]),
    ).toBeCloseTo(-1 / 3, 15);
    expect(
      meanPairwiseKendallTau([
        [1, 1],
        [2, 2],
      ]),
    ).toBeNaN();
  });

  it('pairwise box F1 matches boxes at IoU ≥ 0.5 (the JSDoc example) and not below', () => {
    const car = { x: 0, y: 0, width: 10, height: 10, label: 'car' };
    expect(
      pairwiseBoxF1([
        { item: 'img', annotator: 'a', boxes: [car] },
        { item: 'img', annotator: 'b', boxes: [{ ...car, x: 1, y: 1 }] },
      ]),
    ).toBe(1);
    expect(
      pairwiseBoxF1([
        { item: 'img', annotator: 'a', boxes: [car] },
        { item: 'img', annotator: 'b', boxes: [{ ...car, x: 5 }] },
      ]),
    ).toBe(0);
  });

  it('per-label alpha binarises each label (the JSDoc example) and reports unused declared labels as NaN', () => {
    const alphas = perLabelAlpha(
      [
        { item: 1, annotator: 'a', labels: ['x'] },
        { item: 1, annotator: 'b', labels: ['x', 'y'] },
        { item: 2, annotator: 'a', labels: [] },
        { item: 2, annotator: 'b', labels: ['y'] },
      ],
      { labels: ['z'] },
    );
    expect([...alphas.keys()]).toEqual(['z', 'x', 'y']);
    expect(alphas.get('x')).toBe(1);
    expect(alphas.get('y')).toBeLessThan(0);
    expect(alphas.get('z')).toBeNaN();
  });
});
