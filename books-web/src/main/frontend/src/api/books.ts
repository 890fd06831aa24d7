import type { components } from './openapi';
import { type Problem, NetworkError, errorFor } from './errors';

/** A book as the API returns it (openapi.json). The ISBN is always the normalised ISBN-13. */
export type Book = components['schemas']['Book'];

/** What a user edits: the API's NewBook; `isbn` is only sent when creating, an unknown year is left out. */
export type BookInput = Omit<components['schemas']['NewBook'], 'isbn' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy'> & {
  isbn?: string;
};

export interface BookPage {
  books: Book[];
  /** The server's `Link: <…>; rel="next"` target, used verbatim; null on the last page. */
  next: string | null;
}

/** A book with the ETag needed to change it. */
export interface VersionedBook {
  book: Book;
  etag: string;
}

export interface ListQuery {
  q?: string;
  author?: string;
  limit?: number;
}

export const PAGE_SIZE = 20;

/** Lists the first page of books matching the query. */
export function listBooks(query: ListQuery = {}): Promise<BookPage> {
  const params = new URLSearchParams();
  params.set('limit', String(query.limit ?? PAGE_SIZE));
  if (query.q?.trim()) params.set('q', query.q.trim());
  if (query.author?.trim()) params.set('author', query.author.trim());
  return listBooksAt(`/books?${params.toString()}`);
}

/** Fetches a page by the URL a previous page's `Link` header gave. */
export async function listBooksAt(url: string): Promise<BookPage> {
  const response = await send(url, { headers: { Accept: 'application/json' } });
  return { books: (await response.json()) as Book[], next: nextLink(response.headers.get('Link')) };
}

export async function getBook(isbn: string): Promise<VersionedBook> {
  const response = await send(bookUrl(isbn), { headers: { Accept: 'application/json' } });
  return versioned(response);
}

export async function createBook(input: BookInput, token: string): Promise<VersionedBook> {
  const response = await send('/books', {
    method: 'POST',
    headers: jsonHeaders(token),
    body: JSON.stringify(input),
  });
  return versioned(response);
}

export async function updateBook(
  isbn: string,
  input: BookInput,
  etag: string,
  token: string,
): Promise<VersionedBook> {
  const response = await send(bookUrl(isbn), {
    method: 'PUT',
    headers: { ...jsonHeaders(token), 'If-Match': etag },
    body: JSON.stringify(input),
  });
  return versioned(response);
}

export async function deleteBook(isbn: string, etag: string, token: string): Promise<void> {
  await send(bookUrl(isbn), {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${token}`, 'If-Match': etag },
  });
}

/** Extracts the rel="next" target of an RFC 8288 Link header. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const link of header.split(',')) {
    const [target, ...params] = link.split(';');
    const url = /^\s*<([^>]*)>\s*$/.exec(target ?? '')?.[1];
    const rel = params
      .map((param) => /^\s*rel\s*=\s*"?([^"]*)"?\s*$/i.exec(param)?.[1])
      .find((value) => value !== undefined);
    if (url !== undefined && rel?.split(/\s+/).includes('next')) return url;
  }
  return null;
}

function bookUrl(isbn: string): string {
  return `/books/${encodeURIComponent(isbn)}`;
}

function jsonHeaders(token: string): Record<string, string> {
  return {
    Accept: 'application/json',
    'Content-Type': 'application/json',
    Authorization: `Bearer ${token}`,
  };
}

async function versioned(response: Response): Promise<VersionedBook> {
  return { book: (await response.json()) as Book, etag: response.headers.get('ETag') ?? '' };
}

/** The only fetch call of the app: turns non-2xx answers into typed errors. */
async function send(url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (cause) {
    throw new NetworkError(cause);
  }
  if (!response.ok) throw errorFor(response.status, await readProblem(response));
  return response;
}

async function readProblem(response: Response): Promise<Problem> {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      return (await response.json()) as Problem;
    } catch {
      // A broken body still leaves the status to go by.
    }
  }
  return { status: response.status, title: response.statusText || `HTTP ${response.status}` };
}
