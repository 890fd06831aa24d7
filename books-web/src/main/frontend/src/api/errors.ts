/** One invalid field, as listed in a problem+json `errors` array. */
export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details as books-service and the gateway send them. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
}

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

/** 400/422: the request body broke a rule; `fieldErrors` says where. */
export class ValidationError extends ApiError {
  override name = 'ValidationError';
}

/** 404: the book does not exist (any more). */
export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
}

/** 412: someone else changed the book since it was loaded. */
export class ConflictError extends ApiError {
  override name = 'ConflictError';
}

/** 409: the book already exists (e.g. a POST with a taken ISBN). */
export class DuplicateError extends ApiError {
  override name = 'DuplicateError';
}

/** 401/403: the write needs a valid API key. */
export class AuthError extends ApiError {
  override name = 'AuthError';
}

/** The server could not be reached at all. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('Cannot reach the server. Check your connection and try again.', { cause });
    this.name = 'NetworkError';
  }
}

export function errorFor(status: number, problem: Problem): ApiError {
  switch (status) {
    case 400:
    case 422:
      return new ValidationError(status, problem);
    case 401:
    case 403:
      return new AuthError(status, problem);
    case 404:
      return new NotFoundError(status, problem);
    case 409:
      return new DuplicateError(status, problem);
    case 412:
      return new ConflictError(status, problem);
    default:
      return new ApiError(status, problem);
  }
}
