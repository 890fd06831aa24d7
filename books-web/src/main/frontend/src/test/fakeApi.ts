import { onTestFinished, vi } from 'vitest';
import type { Book } from '../api/books';
import type { Problem, ProblemType } from '../api/errors';
import { ISSUER, type Person, TOKEN_PATH, claimsOf, discovery, now, tokenFor } from './fakeIdentity';
import { type ContractRequest, requestViolations, responseViolations } from './openApiContract';

/*
 * The edge of the app in component tests: an in-memory books-service behind fetch, with the gateway's
 * write check in front (a token from the issuer double, valid, with the editor role: else 401/403)
 * and the issuer's discovery and token endpoints beside it (fakeIdentity.ts). It keeps the API's rules (ISBN-10/13 with check digit, stored as ISBN-13;
 * `after` cursor paging ordered by ISBN; `q` in title or author, `author` exact, both ignoring case;
 * PUT replaces; ETag/If-Match with 428/412; problem+json with the API's type URIs), and every request
 * and response it sees is checked against books-service's openapi.json: a test whose traffic breaks
 * the document fails. The real service is exercised by the Playwright test in the Maven build.
 */

export interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

type Stored = Book & { version: number };

export interface FakeApi {
  books: Map<string, Stored>;
  calls: Call[];
  /** Answers the next request whose method and path match with this documented problem instead. */
  failNext(method: string, path: string, problem: Problem & { status: number }): void;
  /** Someone else saves the book: new fields, next version. */
  changeElsewhere(isbn: string, fields: Partial<Book>): void;
  /** The gateway refuses the next write: 401 as when the access token ran out just before it, 403 as when the role was taken away. */
  refuseNextWrite(status?: 401 | 403): void;
  /** The issuer ends every session: refresh tokens are refused from now on. */
  endSessions(): void;
  /** The issuer stops answering (its container is stopped); reads and writes with valid tokens go on. */
  identityDown(): void;
}
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

export function book(isbn: string, title: string, author: string, publicationYear?: number): Book {
  return {
    isbn,
    title,
    author,
    ...(publicationYear === undefined ? {} : { publicationYear }),
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };
}

/** The ETag the API gives a version: a strong tag of the number. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** A valid ISBN-13 from its first twelve digits. */
export function isbnFrom(twelve: string): string {
  return `${twelve}${check13(twelve)}`;
}

function check13(twelve: string): number {
  return (10 - ([...twelve].reduce((sum, d, i) => sum + Number(d) * (i % 2 === 0 ? 1 : 3), 0) % 10)) % 10;
}

/** The ISBN-13 of an ISBN-10 or ISBN-13 (hyphens or spaces allowed), or null when the check digit is wrong. */
export function isbn13(text: string): string | null {
  const compact = text.trim().replace(/[- ]/g, '');
  if (/^97[89]\d{10}$/.test(compact)) {
    return Number(compact[12]) === check13(compact.slice(0, 12)) ? compact : null;
  }
  if (/^\d{9}[\dXx]$/.test(compact)) {
    const sum = [...compact].reduce((s, c, i) => s + (10 - i) * (/[Xx]/.test(c) ? 10 : Number(c)), 0);
    if (sum % 11 !== 0) return null;
    return isbnFrom(`978${compact.slice(0, 9)}`);
  }
  return null;
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Answered by the gateway, not books-service: outside openapi.json. */
  byGateway?: boolean;
}

function problem(type: ProblemType, status: number, title: string, detail: string, instance: string, errors?: { field: string; message: string }[]): Answer {
  return { status, body: { type, title, status, detail, instance, requestId: crypto.randomUUID(), ...(errors ? { errors } : {}) } };
}

function refusedByGateway(status: 401 | 403, kind: 'unauthorized' | 'forbidden', title: string): Answer {
  return { status, byGateway: true, body: { type: `https://bookshelf.example/problems/${kind}`, title, status, requestId: crypto.randomUUID() } };
}

function invalid(instance: string, errors: { field: string; message: string }[], detail?: string): Answer {
  const count = errors.length === 1 ? '1 field is invalid.' : `${errors.length} fields are invalid.`;
  return problem('https://bookshelf.example/problems/validation', 400, 'Validation failed', detail ?? count, instance, errors);
}

const FIELDS = new Set(['isbn', 'title', 'author', 'publicationYear', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy']);

/** The book's fields by the API's rules, or the field errors. */
function draft(body: Record<string, unknown>) {
  const errors: { field: string; message: string }[] = [];
  for (const name of Object.keys(body)) if (!FIELDS.has(name)) errors.push({ field: name, message: 'is not a known field' });
  const text = (field: 'title' | 'author') => {
    const value = body[field];
    if (value === undefined || value === null) errors.push({ field, message: 'is required' });
    else if (typeof value !== 'string') errors.push({ field, message: 'must be a string' });
    else if (!value.trim()) errors.push({ field, message: 'must not be blank' });
    else if (value.trim().length > 200) errors.push({ field, message: 'must be at most 200 characters' });
    return typeof value === 'string' ? value.trim() : '';
  };
  const title = text('title');
  const author = text('author');
  const year = body.publicationYear;
  if (year !== undefined && year !== null && (!Number.isInteger(year) || (year as number) < 1 || (year as number) > 9999)) {
    errors.push({ field: 'publicationYear', message: 'must be between 1 and 9999' });
  }
  const fields = { title, author, ...(typeof year === 'number' ? { publicationYear: year } : {}) };
  return { fields, errors };
}

export function installFakeApi(initial: Book[]): FakeApi {
  const books = new Map<string, Stored>(initial.map((b) => [b.isbn, { ...b, version: 1 }]));
  const calls: Call[] = [];
  const failures: { method: string; path: string; answer: Answer }[] = [];
  const violations: string[] = [];
  let refuseNext: 401 | 403 | null = null;
  let sessionsEnded = false;
  let identityUp = true;
  const view = ({ version: _version, ...b }: Stored): Book => b;
  const timestamp = () => new Date().toISOString();

  function answer({ method, url, headers, body }: ContractRequest): Answer {
    const failure = failures.findIndex((f) => f.method === method && f.path === url.pathname);
    if (failure >= 0) return failures.splice(failure, 1)[0]!.answer;
    const path = url.pathname;
    const isApi = path === '/books' || path.startsWith('/books/');
    // The gateway checks the token before a write reaches the service, and names the caller to it.
    let by: { createdBy?: string; updatedBy?: string } = {};
    if (isApi && method !== 'GET') {
      const claims = claimsOf(/^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1]);
      const refused = refuseNext;
      refuseNext = null;
      if (!claims || claims.exp <= now() || refused === 401) return refusedByGateway(401, 'unauthorized', 'Unauthorized');
      if (!claims.realm_access.roles.includes('editor') || refused === 403) return refusedByGateway(403, 'forbidden', 'Forbidden');
      by = { createdBy: claims.preferred_username, updatedBy: claims.preferred_username };
    }
    if (path === '/books' && method === 'GET') {
      const param = (name: string) => url.searchParams.get(name)?.trim() || null;
      const limitText = param('limit');
      const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
        return invalid(path, [{ field: 'limit', message: `must be an integer from 1 to ${MAX_LIMIT}` }]);
      }
      const afterText = param('after');
      const after = afterText === null ? null : isbn13(afterText);
      if (afterText !== null && after === null) return invalid(path, [{ field: 'after', message: 'is not a valid ISBN' }]);
      const q = param('q')?.toLowerCase();
      const author = param('author')?.toLowerCase();
      const matches = [...books.values()]
        .filter((b) => !q || b.title.toLowerCase().includes(q) || b.author.toLowerCase().includes(q))
        .filter((b) => !author || b.author.toLowerCase() === author)
        .filter((b) => after === null || b.isbn > after)
        .sort((a, b) => a.isbn.localeCompare(b.isbn));
      const page = matches.slice(0, limit);
      const headers: Record<string, string> = {};
      if (matches.length > limit) {
        const next = [`limit=${limit}`, `after=${page.at(-1)!.isbn}`];
        if (q) next.push(`q=${encodeURIComponent(param('q')!)}`);
        if (author) next.push(`author=${encodeURIComponent(param('author')!)}`);
        headers.Link = `</books?${next.join('&')}>; rel="next"`;
      }
      return { status: 200, body: page.map(view), headers };
    }
    if (path === '/books' && method === 'POST') {
      const fields = body as Record<string, unknown>;
      const { fields: draftFields, errors } = draft(fields);
      const isbnText = fields.isbn;
      const isbn = typeof isbnText === 'string' ? isbn13(isbnText) : null;
      if (isbnText === undefined || isbnText === null) errors.unshift({ field: 'isbn', message: 'is required' });
      else if (isbn === null) errors.unshift({ field: 'isbn', message: 'is not a valid ISBN-10 or ISBN-13 (check digit included)' });
      if (errors.length) return invalid(path, errors);
      if (books.has(isbn!)) {
        return problem('https://bookshelf.example/problems/conflict', 409, 'Conflict', `A book with ISBN ${isbn} already exists.`, path);
      }
      const created: Stored = { isbn: isbn!, ...draftFields, createdAt: timestamp(), updatedAt: timestamp(), ...by, version: 1 };
      books.set(created.isbn, created);
      return { status: 201, body: view(created), headers: { ETag: etagOf(1), Location: `/books/${created.isbn}` } };
    }
    const pathIsbn = decodeURIComponent(path.replace(/^\/books\//, ''));
    const isbn = isbn13(pathIsbn);
    if (isbn === null) {
      return invalid(path, [{ field: 'isbn', message: 'is not a valid ISBN-10 or ISBN-13' }], `'${pathIsbn}' is not a valid ISBN-10 or ISBN-13.`);
    }
    const found = books.get(isbn);
    if (!found) return problem('https://bookshelf.example/problems/not-found', 404, 'Not found', `No book with ISBN ${isbn}.`, path);
    if (method === 'GET') return { status: 200, body: view(found), headers: { ETag: etagOf(found.version) } };
    const ifMatch = headers['if-match'];
    if (!ifMatch) {
      return problem('https://bookshelf.example/problems/precondition-required', 428, 'Precondition required',
        "This request needs an If-Match header with the book's current ETag (or *).", path);
    }
    if (ifMatch !== '*' && ifMatch !== etagOf(found.version)) {
      return problem('https://bookshelf.example/problems/precondition-failed', 412, 'Precondition failed',
        `Book ${isbn} has changed; its current version is ${found.version}. Fetch it again and retry with the new ETag.`, path);
    }
    if (method === 'DELETE') {
      books.delete(isbn);
      return { status: 204 };
    }
    const fields = body as Record<string, unknown>;
    const { fields: replaced, errors } = draft(fields);
    if (fields.isbn !== undefined && (typeof fields.isbn !== 'string' || isbn13(fields.isbn) !== isbn)) {
      errors.unshift({ field: 'isbn', message: `must be the ISBN in the URL (${isbn})` });
    }
    if (errors.length) return invalid(path, errors);
    // A full replace: fields left out are cleared.
    const updated: Stored = {
      isbn, ...replaced, createdAt: found.createdAt, updatedAt: timestamp(),
      ...(found.createdBy ? { createdBy: found.createdBy } : {}), updatedBy: by.updatedBy!, version: found.version + 1,
    };
    books.set(isbn, updated);
    return { status: 200, body: view(updated), headers: { ETag: etagOf(updated.version) } };
  }

  /** The issuer: discovery, the code grant (with PKCE: `code` is `code-for-<person>`) and the refresh token grant. */
  function identity(url: URL, method: string, form: URLSearchParams | undefined): Response {
    const json = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    if (method === 'GET' && url.pathname.endsWith('/.well-known/openid-configuration')) return json(200, discovery());
    const grant = method === 'POST' && url.href === `${ISSUER}${TOKEN_PATH}` ? form?.get('grant_type') : undefined;
    if (grant === 'authorization_code') {
      const person = /^code-for-(editor|reader)$/.exec(form?.get('code') ?? '')?.[1] as Person | undefined;
      if (!person || !form?.get('code_verifier')) return json(400, { error: 'invalid_grant', error_description: 'Code not valid' });
      const sid = crypto.randomUUID();
      return json(200, {
        access_token: tokenFor(person, sid),
        refresh_token: tokenFor(person, sid, 1800),
        id_token: tokenFor(person, sid),
        token_type: 'Bearer',
        expires_in: 300,
        scope: 'openid profile',
      });
    }
    if (grant === 'refresh_token') {
      const refresh = claimsOf(form?.get('refresh_token') ?? undefined);
      if (!refresh || refresh.exp <= now() || sessionsEnded) {
        return json(400, { error: 'invalid_grant', error_description: 'Session not active' });
      }
      const person = refresh.preferred_username;
      return json(200, {
        access_token: tokenFor(person, refresh.sid),
        refresh_token: tokenFor(person, refresh.sid, 1800),
        token_type: 'Bearer',
        expires_in: 300,
        scope: 'openid profile',
      });
    }
    return json(404, { error: 'not_found' });
  }

  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    if (String(input).startsWith(`${ISSUER}/`)) {
      const form = init.body instanceof URLSearchParams ? init.body : undefined;
      calls.push({ method, url: String(input), headers, body: form ? Object.fromEntries(form) : undefined });
      if (!identityUp) throw new TypeError('Failed to fetch');
      return identity(new URL(input), method, form);
    }
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, url: input, headers, body });
    const request: ContractRequest = { method, url: new URL(input, 'http://localhost'), headers, body };
    violations.push(...requestViolations(request));
    const reply = answer(request);
    const contentType = reply.body === undefined ? null : reply.status >= 400 ? 'application/problem+json' : 'application/json';
    if (!reply.byGateway) violations.push(...responseViolations(request, { status: reply.status, contentType, body: reply.body }));
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { ...(contentType ? { 'Content-Type': contentType } : {}), ...reply.headers },
    });
  });
  onTestFinished(() => {
    if (violations.length) throw new Error(`Traffic that breaks openapi.json:\n${violations.join('\n')}`);
  });

  return {
    books,
    calls,
    failNext(method, path, problem) {
      // Like the real server, every problem carries the request's id.
      failures.push({ method, path, answer: { status: problem.status, body: { requestId: crypto.randomUUID(), ...problem } } });
    },
    changeElsewhere(isbn, fields) {
      const current = books.get(isbn)!;
      books.set(isbn, { ...current, ...fields, updatedAt: timestamp(), version: current.version + 1 });
    },
    refuseNextWrite(status = 401) {
      refuseNext = status;
    },
    endSessions() {
      sessionsEnded = true;
    },
    identityDown() {
      identityUp = false;
    },
  };
}
