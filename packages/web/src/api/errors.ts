// What went wrong with a request, and how to say it to a person.
// The server answers every failure with { error: { code, message, details } }; anything
// else (a proxy's HTML page, a dropped connection) is turned into the same shape here so
// components only ever handle ApiError.

/** The request never got an HTTP answer (server down, network gone, aborted by the browser). */
export const NETWORK_ERROR = 'CONCORD_WEB_NETWORK';
/** The server answered, but not with the JSON error shape of the contract. */
export const UNEXPECTED_RESPONSE = 'CONCORD_WEB_UNEXPECTED_RESPONSE';

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when there was no HTTP answer. */
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details: unknown = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Builds the ApiError for a non-2xx answer from its status and (possibly unparsable) body. */
export function apiErrorFromResponse(status: number, body: unknown): ApiError {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === 'string') {
    const message = typeof error.message === 'string' ? error.message : error.code;
    return new ApiError(status, error.code, message, error.details ?? null);
  }
  return new ApiError(
    status,
    UNEXPECTED_RESPONSE,
    `The server answered ${status} without an error description.`,
  );
}

/**
 * "45 seconds", "1 minute", "2 min 30 s", "1 hour" — short enough for an inline message.
 * Rounds up: telling someone to retry too early only earns them another refusal.
 */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(1, Math.ceil(totalSeconds));
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  if (seconds < 3600) {
    const minutes = Math.floor(seconds / 60);
    const rest = seconds % 60;
    if (rest === 0) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
    return `${minutes} min ${rest} s`;
  }
  const hours = Math.ceil(seconds / 3600);
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

/** retryAfterSeconds of a 429, when the server said it. */
export function retryAfterSeconds(error: ApiError): number | null {
  if (!isRecord(error.details)) return null;
  const value = error.details.retryAfterSeconds;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

/**
 * One sentence a person can act on. Codes the web app knows get wording of their own;
 * other codes fall back to the server's message, which the catalog keeps readable.
 */
export function formatApiError(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return 'Something went wrong in the page itself. Reload it; if this keeps happening, report it.';
  }
  switch (error.code) {
    case NETWORK_ERROR:
      return 'Cannot reach the Concord server. Check your connection, or whether the server is running, and try again.';
    case 'CONCORD_ERR_INVALID_CREDENTIALS':
      return 'Email or password is incorrect.';
    case 'CONCORD_ERR_RATE_LIMITED': {
      const wait = retryAfterSeconds(error);
      return wait === null
        ? 'Too many attempts. Wait a little, then try again.'
        : `Too many attempts. Try again in ${formatDuration(wait)}.`;
    }
    case 'CONCORD_ERR_UNAUTHENTICATED':
      return 'Your session has ended. Sign in again.';
    case 'CONCORD_ERR_FORBIDDEN':
      return 'Your role does not allow this action.';
    case 'CONCORD_ERR_EMAIL_TAKEN':
      return 'A user with this email already exists.';
    case 'CONCORD_ERR_LAST_ADMIN':
      return 'This is the last active admin: make someone else admin first.';
    case 'CONCORD_ERR_NOT_CONFIGURED':
      return 'This project has no fields yet, so there is nothing to annotate or import.';
    case 'CONCORD_ERR_NOT_QUALIFIED': {
      const result = qualificationResult(error);
      return result === null
        ? 'You did not pass this project’s qualification. Ask its manager for another attempt.'
        : `You did not pass this project’s qualification: you scored ${formatPercent(result.score)}, the pass mark is ${formatPercent(result.passMark)}. Ask its manager for another attempt.`;
    }
    case 'CONCORD_ERR_CSRF':
      return 'The page’s security token is missing or out of date. Reload the page and try again.';
    case UNEXPECTED_RESPONSE:
      return error.status >= 500
        ? `The server failed (${error.status}). Try again; if it keeps failing, check the server log.`
        : error.message;
    default:
      if (error.status >= 500 && error.code === 'CONCORD_ERR_INTERNAL') {
        return 'The server failed. Try again; if it keeps failing, check the server log.';
      }
      return error.message;
  }
}

/** "80 %" from 0.8; "—" when there is no number. */
export function formatPercent(fraction: number | null): string {
  if (fraction === null || !Number.isFinite(fraction)) return '—';
  return `${Math.round(fraction * 1000) / 10} %`;
}

/** Score and pass mark of a 403 CONCORD_ERR_NOT_QUALIFIED. */
export function qualificationResult(
  error: ApiError,
): { readonly score: number | null; readonly passMark: number } | null {
  if (!isRecord(error.details) || typeof error.details.passMark !== 'number') return null;
  const score = error.details.score;
  return { score: typeof score === 'number' ? score : null, passMark: error.details.passMark };
}

/** The rows of a refused import: every `{line, message}` of the 400, or [] for another error. */
export function rowProblemsOf(error: unknown): readonly { line: number; message: string }[] {
  if (!(error instanceof ApiError) || error.code !== 'CONCORD_ERR_VALIDATION') return [];
  if (!Array.isArray(error.details)) return [];
  const rows: { line: number; message: string }[] = [];
  for (const entry of error.details as unknown[]) {
    if (isRecord(entry) && typeof entry.line === 'number' && typeof entry.message === 'string') {
      rows.push({ line: entry.line, message: entry.message });
    }
  }
  return rows;
}

/** The issues of a 400 CONCORD_ERR_VALIDATION, or [] for any other error. */
export function validationIssues(error: unknown): readonly FieldIssue[] {
  if (!(error instanceof ApiError) || error.code !== 'CONCORD_ERR_VALIDATION') return [];
  if (!Array.isArray(error.details)) return [];
  const issues: FieldIssue[] = [];
  for (const entry of error.details as unknown[]) {
    if (isRecord(entry) && typeof entry.path === 'string' && typeof entry.message === 'string') {
      issues.push({ path: entry.path, message: entry.message });
    }
  }
  return issues;
}

/** "body.email" → "email"; "body.items[3].text" → "items[3].text"; "query.limit" → "limit". */
export function fieldNameOf(path: string): string {
  return path.replace(/^(body|query|params)\.?/, '');
}

export interface SplitErrors<F extends string> {
  /** Messages to show next to the form's own fields. */
  readonly fields: Partial<Record<F, string>>;
  /** Everything else, to show above the form: never dropped. */
  readonly general: readonly string[];
}

/**
 * Splits a failed submit into messages per form field and general messages. A validation
 * issue about a field the form does not have is shown as a general message naming the path,
 * so nothing the server said is lost. `fieldOfCode` places other errors that are about one
 * field next to it (409 CONCORD_ERR_EMAIL_TAKEN → the email field).
 */
export function splitErrors<F extends string>(
  error: unknown,
  formFields: readonly F[],
  fieldOfCode: Readonly<Record<string, F>> = {},
): SplitErrors<F> {
  const issues = validationIssues(error);
  if (issues.length === 0) {
    const field = error instanceof ApiError ? fieldOfCode[error.code] : undefined;
    if (field !== undefined) {
      const fields: Partial<Record<F, string>> = {};
      fields[field] = formatApiError(error);
      return { fields, general: [] };
    }
    return { fields: {}, general: [formatApiError(error)] };
  }
  const fields: Partial<Record<F, string>> = {};
  const general: string[] = [];
  for (const issue of issues) {
    const name = fieldNameOf(issue.path);
    const known = formFields.find((f) => f === name);
    if (known !== undefined && fields[known] === undefined) {
      fields[known] = issue.message;
    } else if (known === undefined) {
      general.push(name === '' ? issue.message : `${name}: ${issue.message}`);
    }
  }
  return { fields, general };
}
