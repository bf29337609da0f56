import { describe, expect, it } from 'vitest';
import {
  ApiError,
  NETWORK_ERROR,
  UNEXPECTED_RESPONSE,
  apiErrorFromResponse,
  fieldNameOf,
  formatApiError,
  formatDuration,
  formatPercent,
  qualificationResult,
  rowProblemsOf,
  splitErrors,
} from './errors';

const validation = (details: unknown) =>
  new ApiError(400, 'CONCORD_ERR_VALIDATION', 'Invalid request', details);

describe('apiErrorFromResponse', () => {
  it('keeps the code, message and details of the contract error shape', () => {
    const error = apiErrorFromResponse(409, {
      error: { code: 'CONCORD_ERR_EMAIL_TAKEN', message: 'taken', details: { email: 'a@b.c' } },
    });
    expect(error).toMatchObject({
      status: 409,
      code: 'CONCORD_ERR_EMAIL_TAKEN',
      message: 'taken',
      details: { email: 'a@b.c' },
    });
  });

  it('turns a body that is not the error shape (a proxy page, nothing) into an unexpected-response error', () => {
    expect(apiErrorFromResponse(502, undefined)).toMatchObject({
      status: 502,
      code: UNEXPECTED_RESPONSE,
    });
    expect(apiErrorFromResponse(500, { message: 'x' }).code).toBe(UNEXPECTED_RESPONSE);
  });
});

describe('formatDuration', () => {
  it('says seconds, minutes and hours the way a person would, rounding up', () => {
    expect(formatDuration(1)).toBe('1 second');
    expect(formatDuration(0.2)).toBe('1 second');
    expect(formatDuration(44.1)).toBe('45 seconds');
    expect(formatDuration(60)).toBe('1 minute');
    expect(formatDuration(150)).toBe('2 min 30 s');
    expect(formatDuration(900)).toBe('15 minutes');
    expect(formatDuration(3600)).toBe('1 hour');
    expect(formatDuration(5000)).toBe('2 hours');
  });
});

describe('formatApiError', () => {
  it('says wrong credentials without revealing which of the two was wrong', () => {
    const error = new ApiError(401, 'CONCORD_ERR_INVALID_CREDENTIALS', 'Invalid credentials');
    expect(formatApiError(error)).toBe('Email or password is incorrect.');
  });

  it('tells a rate-limited person when to try again', () => {
    const error = new ApiError(429, 'CONCORD_ERR_RATE_LIMITED', 'Too many', {
      retryAfterSeconds: 90,
    });
    expect(formatApiError(error)).toBe('Too many attempts. Try again in 1 min 30 s.');
  });

  it('still explains a rate limit when the server gave no retry time', () => {
    const error = new ApiError(429, 'CONCORD_ERR_RATE_LIMITED', 'Too many', null);
    expect(formatApiError(error)).toBe('Too many attempts. Wait a little, then try again.');
  });

  it('distinguishes an unreachable server from a failing one', () => {
    expect(formatApiError(new ApiError(0, NETWORK_ERROR, 'x'))).toMatch(/Cannot reach/);
    expect(formatApiError(apiErrorFromResponse(502, undefined))).toMatch(/server failed \(502\)/);
  });

  it("falls back to the server's message for codes the web app has no wording for", () => {
    expect(formatApiError(new ApiError(404, 'CONCORD_ERR_NOT_FOUND', 'Project not found'))).toBe(
      'Project not found',
    );
  });

  it('never shows a raw exception of the page itself', () => {
    expect(formatApiError(new TypeError('x is undefined'))).toMatch(/^Something went wrong/);
  });
});

describe('project errors', () => {
  it('tells a failed annotator their score and the pass mark', () => {
    const error = new ApiError(403, 'CONCORD_ERR_NOT_QUALIFIED', 'x', {
      score: 0.5,
      passMark: 0.8,
    });
    expect(formatApiError(error)).toBe(
      'You did not pass this project’s qualification: you scored 50 %, the pass mark is 80 %. Ask its manager for another attempt.',
    );
    expect(qualificationResult(error)).toEqual({ score: 0.5, passMark: 0.8 });
    expect(formatPercent(null)).toBe('—');
  });

  it('reads every refused row of an import, and nothing from other errors', () => {
    const refused = new ApiError(400, 'CONCORD_ERR_VALIDATION', 'x', [
      { line: 3, message: 'data: required, a non-empty object' },
      { line: 9, message: 'gold.sentiment: must be one of a, b' },
      { path: 'body', message: 'not a row' },
    ]);
    expect(rowProblemsOf(refused)).toEqual([
      { line: 3, message: 'data: required, a non-empty object' },
      { line: 9, message: 'gold.sentiment: must be one of a, b' },
    ]);
    expect(rowProblemsOf(new ApiError(500, 'CONCORD_ERR_INTERNAL', 'x'))).toEqual([]);
  });
});

describe('fieldNameOf', () => {
  it('drops the request part of a validation path', () => {
    expect(fieldNameOf('body.email')).toBe('email');
    expect(fieldNameOf('body.items[3].text')).toBe('items[3].text');
    expect(fieldNameOf('query.limit')).toBe('limit');
    expect(fieldNameOf('body')).toBe('');
  });
});

describe('splitErrors', () => {
  const fields = ['email', 'name', 'password', 'role'] as const;

  it('puts validation messages next to the fields they name', () => {
    const split = splitErrors(
      validation([
        { path: 'body.email', message: 'must be an email address' },
        { path: 'body.password', message: 'must be at least 12 characters' },
      ]),
      fields,
    );
    expect(split).toEqual({
      fields: { email: 'must be an email address', password: 'must be at least 12 characters' },
      general: [],
    });
  });

  it('keeps issues about fields the form does not show, naming their path', () => {
    const split = splitErrors(
      validation([
        { path: 'body.tenant', message: 'unknown key' },
        { path: 'body', message: 'must be an object' },
      ]),
      fields,
    );
    expect(split.general).toEqual(['tenant: unknown key', 'must be an object']);
  });

  it('places an error about one field next to it when its code says which', () => {
    const taken = new ApiError(409, 'CONCORD_ERR_EMAIL_TAKEN', 'Email taken');
    expect(splitErrors(taken, fields, { CONCORD_ERR_EMAIL_TAKEN: 'email' })).toEqual({
      fields: { email: 'A user with this email already exists.' },
      general: [],
    });
  });

  it('shows any other failure as one general message', () => {
    const forbidden = new ApiError(403, 'CONCORD_ERR_FORBIDDEN', 'Forbidden');
    expect(splitErrors(forbidden, fields)).toEqual({
      fields: {},
      general: ['Your role does not allow this action.'],
    });
  });
});
