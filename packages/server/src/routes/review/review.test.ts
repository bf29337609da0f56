import { DIALECTS, buildTestApp, createUserAndLogin, type TestApp } from '../../test/harness.js';
import { Api, setUpProgram, type NextResponse } from '../../test/program.js';

describe.each(DIALECTS)('QA review on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp(dialect);
  });
  afterEach(() => t.close());

  it('samples work for review; a rejection needs an error type, reopens the item as rework and shows in defect rate and cost', async () => {
    const p = await setUpProgram(t.app, {
      annotators: 2,
      policy: { overlap: 1, reviewRate: 1, hourlyRate: 36 },
    });
    const reviewerUser = await createUserAndLogin(t.app, p.admin.token, {
      email: 'qa@example.org',
      role: 'member',
    });
    await p.manager.ok('POST', `/api/projects/${p.projectId}/members`, {
      userId: reviewerUser.id,
      role: 'reviewer',
    });
    const reviewer = new Api(t.app, reviewerUser.token);
    await p.manager.ok('POST', `/api/projects/${p.projectId}/items`, [
      { data: { text: 'a' } },
      { data: { text: 'b' } },
    ]);
    const [a, b] = p.annotators as [Api, Api];
    for (let i = 0; i < 2; i++) {
      const next = await a.ok<NextResponse>('GET', `/api/projects/${p.projectId}/next`);
      await a.ok('POST', `/api/assignments/${next.assignment.id}/submit`, {
        value: { sentiment: 'positive' },
        clientId: `a${i}`,
        activeMs: 60_000,
      });
    }
    expect((await b.call('GET', `/api/projects/${p.projectId}/next`)).status).toBe(204); // overlap 1: both items filled

    const queue = await reviewer.ok<{
      reviews: { id: string; itemId: string; annotator: { id: string } }[];
      total: number;
    }>('GET', `/api/projects/${p.projectId}/reviews`);
    expect(queue.total).toBe(2);
    const first = queue.reviews[0]!;
    const second = queue.reviews[1]!;
    const missing = await reviewer.call<{ error: { details: { path: string }[] } }>(
      'POST',
      `/api/reviews/${first.id}`,
      { verdict: 'reject' },
    );
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0]!.path).toBe('body.errorType');
    expect(
      (
        await reviewer.call('POST', `/api/reviews/${first.id}`, {
          verdict: 'reject',
          errorType: 'wrong_label',
          note: 'b is negative',
          activeMs: 30_000,
        })
      ).status,
    ).toBe(204);
    expect(
      (await reviewer.call('POST', `/api/reviews/${first.id}`, { verdict: 'accept' })).status,
    ).toBe(409);
    expect(
      (
        await reviewer.call('POST', `/api/reviews/${second.id}`, {
          verdict: 'accept',
          activeMs: 30_000,
        })
      ).status,
    ).toBe(204);
    expect((await a.call('POST', `/api/reviews/${second.id}`, { verdict: 'accept' })).status).toBe(
      403,
    );

    // Rework: the rejected item goes to another annotator.
    const rework = await b.ok<NextResponse>('GET', `/api/projects/${p.projectId}/next`);
    expect(rework.item.id).toBe(first.itemId);

    const quality = await p.manager.ok<{
      review: {
        reviewed: number;
        rejected: number;
        defectRate: number;
        byErrorType: { errorType: string }[];
        byAnnotator: { userId: string; defectRate: number }[];
      };
      cost: {
        annotationHours: number;
        qaHours: number;
        reworkHours: number;
        total: number;
        acceptedLabels: number;
        costPerAcceptedLabel: number;
        qaShare: number;
      };
    }>('GET', `/api/projects/${p.projectId}/quality`);
    expect(quality.review).toMatchObject({
      reviewed: 2,
      rejected: 1,
      defectRate: 0.5,
      byErrorType: [{ errorType: 'wrong_label' }],
    });
    expect(quality.review.byAnnotator).toEqual([
      expect.objectContaining({ userId: p.annotatorIds[0], defectRate: 0.5 }),
    ]);
    // 2 minutes of annotation + 1 minute of QA at 36/hour = 1.8; one accepted label.
    expect(quality.cost.total).toBeCloseTo(1.8, 9);
    expect(quality.cost.acceptedLabels).toBe(1);
    expect(quality.cost.costPerAcceptedLabel).toBeCloseTo(1.8, 9);
    expect(quality.cost.qaShare).toBeCloseTo(1 / 3, 9);
    expect(quality.cost.reworkHours).toBeCloseTo(1 / 60, 9);
  });
});
