import type { ProblemCode, ProblemCodeFor } from './problem-codes.js';

/** One invalid field of a request, as reported to the client. */
export interface FieldError {
  field: string;
  message: string;
}

/** The RFC 9457 problem-details body every error answer uses. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server error' : 'Request error');
}

/**
 * An error meant for the client. Modules throw it (or a subclass) with a stable
 * `<context>.<reason>` code; the global filter turns it into problem details.
 */
export class ProblemException extends Error {
  constructor(
    readonly status: number,
    /** A registered code; `http.<status>` only for the HTTP layer's own refusals (problemFromError). */
    readonly code: ProblemCode | `http.${number}`,
    readonly detail?: string,
    readonly extensions: { errors?: FieldError[]; headers?: Record<string, string>; [k: string]: unknown } = {},
  ) {
    super(detail ?? code);
    this.name = 'ProblemException';
  }

  toProblem(): ProblemDetails {
    const { headers: _headers, ...extensions } = this.extensions;
    // Extensions first: one named like a member (`status`) must not replace the HTTP status.
    return {
      ...extensions,
      type: `/problems/${this.code.split('.')[0]}`,
      title: titleFor(this.status),
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      code: this.code,
    };
  }
}

export class BadRequestProblem extends ProblemException {
  constructor(code: ProblemCodeFor<400>, detail?: string, errors?: FieldError[]) {
    super(400, code, detail, errors ? { errors } : {});
  }
}

/** Also the answer for "exists but out of your scope": callers must not learn the difference. */
export class NotFoundProblem extends ProblemException {
  constructor(code: ProblemCodeFor<404>, detail = 'The resource does not exist') {
    super(404, code, detail);
  }
}

export class ConflictProblem extends ProblemException {
  constructor(code: ProblemCodeFor<409>, detail?: string, extensions: Record<string, unknown> = {}) {
    super(409, code, detail, extensions);
  }
}

/** Well-formed, but not possible in the resource's present state (a code that expired, an address not saved). */
export class UnprocessableProblem extends ProblemException {
  constructor(code: ProblemCodeFor<422>, detail?: string, extensions: Record<string, unknown> = {}) {
    super(422, code, detail, extensions);
  }
}

export class ForbiddenProblem extends ProblemException {
  constructor(code: ProblemCodeFor<403> = 'auth.forbidden', detail = 'Your role may not do this') {
    super(403, code, detail);
  }
}

export class UnauthorizedProblem extends ProblemException {
  constructor(code: ProblemCodeFor<401> = 'auth.unauthenticated', detail = 'A valid access token is required') {
    super(401, code, detail);
  }
}

export function validationProblem(errors: FieldError[]): ProblemException {
  const detail = errors.length === 1 ? '1 field is invalid' : `${errors.length} fields are invalid`;
  return new ProblemException(400, 'validation.invalid', detail, { errors });
}
