import type { components } from './openapi';

type ApiProblem = components['schemas']['Problem'];

/** The problem `type` URIs books-service documents (openapi.json), e.g. …/problems/conflict. */
export type ProblemType = ApiProblem['type'];

/** One invalid field, as listed in a problem+json `errors` array. */
export type FieldError = NonNullable<ApiProblem['errors']>[number];

/**
 * RFC 9457 problem details as a client may receive them: the API's shape, every member optional,
 * because the gateway answers some errors itself and a broken body still leaves the status.
 */
export type Problem = Partial<Omit<ApiProblem, 'type'>> & { type?: string };

/** An HTTP error answer from the API. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `Request failed with status ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

/** validation: the book or a query parameter broke a rule; `fieldErrors` says which. */
export class InvalidInputError extends ApiError {
  override name = 'InvalidInputError';
}

/** not-found: no book with this ISBN (any more). */
export class BookNotFoundError extends ApiError {
  override name = 'BookNotFoundError';
}

/** precondition-failed: someone else changed the book since it was loaded (stale ETag). */
export class StaleVersionError extends ApiError {
  override name = 'StaleVersionError';
}

/** conflict: a book with this ISBN already exists. */
export class DuplicateIsbnError extends ApiError {
  override name = 'DuplicateIsbnError';
}

/** unauthorized (401), answered by the gateway: no credential, or one it no longer accepts (e.g. an expired token). */
export class NotSignedInError extends ApiError {
  override name = 'NotSignedInError';
}

/** forbidden (403), answered by the gateway: a valid sign-in without the editor role. */
export class ForbiddenError extends ApiError {
  override name = 'ForbiddenError';
}

/** The server could not be reached at all. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('Cannot reach the server. Check your connection and try again.', { cause });
    this.name = 'NetworkError';
  }
}

/** The API's own problem types the app acts on; the compiler checks each against openapi.json. */
const ERROR_FOR_TYPE = {
  'https://bookshelf.example/problems/validation': InvalidInputError,
  'https://bookshelf.example/problems/not-found': BookNotFoundError,
  'https://bookshelf.example/problems/precondition-failed': StaleVersionError,
  'https://bookshelf.example/problems/conflict': DuplicateIsbnError,
  'https://bookshelf.example/problems/unauthorized': NotSignedInError,
  'https://bookshelf.example/problems/forbidden': ForbiddenError,
} as const satisfies Partial<Record<ProblemType, typeof ApiError>>;

function isKnownType(type: string | undefined): type is keyof typeof ERROR_FOR_TYPE {
  return type !== undefined && Object.hasOwn(ERROR_FOR_TYPE, type);
}

/** The problem's `type` decides; the status only when the body is not a problem (a broken proxy). */
export function errorFor(status: number, problem: Problem): ApiError {
  if (isKnownType(problem.type)) return new ERROR_FOR_TYPE[problem.type](status, problem);
  if (status === 401) return new NotSignedInError(status, problem);
  if (status === 403) return new ForbiddenError(status, problem);
  return new ApiError(status, problem);
}
