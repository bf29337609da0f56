/**
 * The one catalog of Concord's error codes. `docs/errors.md` documents every code with how to
 * solve it, and a test keeps the two in step. Codes are never reused for another meaning.
 */
export const ERRORS = {
  CONCORD_ERR_VALIDATION: { status: 400, message: 'The request is invalid' },
  CONCORD_ERR_BAD_REQUEST: { status: 400, message: 'The request could not be read' },
  CONCORD_ERR_UNAUTHENTICATED: { status: 401, message: 'Sign in or send a valid bearer token' },
  CONCORD_ERR_INVALID_CREDENTIALS: { status: 401, message: 'Email or password is wrong' },
  CONCORD_ERR_FORBIDDEN: { status: 403, message: 'Your role does not allow this' },
  CONCORD_ERR_CSRF: { status: 403, message: 'Missing or wrong x-csrf-token header' },
  CONCORD_ERR_NOT_QUALIFIED: {
    status: 403,
    message: 'You did not pass this project’s qualification; ask its manager for another attempt',
  },
  CONCORD_ERR_CREDENTIALS_REQUIRED: {
    status: 403,
    message: 'This project requires credentials you do not have; ask an administrator',
  },
  CONCORD_ERR_NOT_FOUND: { status: 404, message: 'Not found' },
  CONCORD_ERR_ROUTE_NOT_FOUND: { status: 404, message: 'No such API route' },
  CONCORD_ERR_EMAIL_TAKEN: { status: 409, message: 'A user with this email already exists' },
  CONCORD_ERR_CONFLICT: { status: 409, message: 'The object is not in a state that allows this' },
  CONCORD_ERR_CLIENT_ID_REUSED: {
    status: 409,
    message: 'This clientId was already used for another assignment',
  },
  CONCORD_ERR_NOT_CONFIGURED: {
    status: 409,
    message: 'The project has no fields yet; a manager must configure it',
  },
  CONCORD_ERR_LAST_ADMIN: {
    status: 409,
    message: 'The last active admin cannot be demoted or disabled',
  },
  CONCORD_ERR_VAULT_PURGED: {
    status: 410,
    message: 'The originals of this project were purged from the vault',
  },
  CONCORD_ERR_PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large' },
  CONCORD_ERR_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: 'Send JSON with content-type application/json',
  },
  CONCORD_ERR_RATE_LIMITED: { status: 429, message: 'Too many attempts; wait and try again' },
  CONCORD_ERR_INTERNAL: { status: 500, message: 'Internal server error' },
  CONCORD_ERR_VAULT_UNAVAILABLE: {
    status: 503,
    message: 'The server has no vault key, so it cannot store or open PHI originals',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** An error that leaves the server as `{ error: { code, message, details } }` with the catalog's status. */
export class ConcordError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERRORS[code].message);
    this.name = 'ConcordError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = details ?? null;
  }
}

export function errorBody(code: ErrorCode, message: string, details: unknown = null) {
  return { error: { code, message, details } };
}
