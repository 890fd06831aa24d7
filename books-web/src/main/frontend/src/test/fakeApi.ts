import { vi } from 'vitest';
import type { Book } from '../api/books';

/*
 * The edge of the app: a small in-memory stand-in for books-service and the gateway behind fetch,
 * following their contract (ETag/If-Match, bearer key for writes, problem+json errors, Link paging).
 * The real server is exercised by the Playwright test in the Maven build.
 */

export interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface FakeApi {
  books: Map<string, Book & { version: number }>;
  calls: Call[];
  /** Answers the next request whose method and path match with this response instead. */
  failNext(method: string, path: string, status: number, body: object): void;
}

export const KEY = 'test-key';

export function book(isbn: string, title: string, author: string, publicationYear?: number): Book {
  return { isbn, title, author, publicationYear: publicationYear ?? null, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': type, ...headers },
  });
}

function problem(status: number, title: string, detail: string, errors?: { field: string; message: string }[]) {
  return json(status, { type: 'about:blank', title, status, detail, ...(errors ? { errors } : {}) });
}

export function installFakeApi(initial: Book[], pageSize = 100): FakeApi {
  const books = new Map(initial.map((b) => [b.isbn, { ...b, version: 1 }]));
  const calls: Call[] = [];
  const failures: { method: string; path: string; response: Response }[] = [];
  const etag = (b: { isbn: string; version: number }) => `"${b.isbn}-${b.version}"`;
  const view = ({ version: _version, ...b }: Book & { version: number }): Book => b;

  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, url: input, headers, body });
    const url = new URL(input, 'http://localhost');
    const failure = failures.findIndex((f) => f.method === method && f.path === url.pathname);
    if (failure >= 0) return failures.splice(failure, 1)[0]!.response;

    if (method !== 'GET' && headers.authorization !== `Bearer ${KEY}`) {
      return problem(401, 'Unauthorized', 'A valid API key is required for writes.');
    }
    if (url.pathname === '/books' && method === 'GET') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const author = (url.searchParams.get('author') ?? '').toLowerCase();
      const all = [...books.values()]
        .filter((b) => !q || `${b.title} ${b.author}`.toLowerCase().includes(q))
        .filter((b) => !author || b.author.toLowerCase().includes(author));
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const page = all.slice(offset, offset + pageSize);
      const more = offset + pageSize < all.length;
      const next = new URLSearchParams(url.searchParams);
      next.set('offset', String(offset + pageSize));
      return json(200, page.map(view), more ? { Link: `</books?${next}>; rel="next"` } : {});
    }
    if (url.pathname === '/books' && method === 'POST') {
      const errors = ['isbn', 'title', 'author']
        .filter((f) => !body?.[f])
        .map((field) => ({ field, message: 'must not be blank' }));
      if (body?.isbn && !/^\d{10}(\d{3})?$/.test(body.isbn)) errors.push({ field: 'isbn', message: 'is not a valid ISBN' });
      if (errors.length) return problem(400, 'Invalid book', 'The book has invalid fields.', errors);
      const created = { ...book(body.isbn, body.title, body.author, body.publicationYear), version: 1 };
      books.set(created.isbn, created);
      return json(201, view(created), { ETag: etag(created), Location: `/books/${created.isbn}` });
    }
    const isbn = decodeURIComponent(url.pathname.replace(/^\/books\//, ''));
    const found = books.get(isbn);
    if (!found) return problem(404, 'Not Found', `No book with ISBN ${isbn}.`);
    if (method === 'GET') return json(200, view(found), { ETag: etag(found) });
    if (!headers['if-match']) return problem(428, 'Precondition Required', 'Send If-Match.');
    if (headers['if-match'] !== etag(found)) return problem(412, 'Precondition Failed', 'The book has changed.');
    if (method === 'DELETE') {
      books.delete(isbn);
      return new Response(null, { status: 204 });
    }
    const updated = { ...found, ...body, isbn, version: found.version + 1 };
    books.set(isbn, updated);
    return json(200, view(updated), { ETag: etag(updated) });
  });

  return {
    books,
    calls,
    failNext(method, path, status, body) {
      failures.push({ method, path, response: json(status, body) });
    },
  };
}
