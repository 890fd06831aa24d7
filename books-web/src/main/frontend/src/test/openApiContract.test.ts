import { requestViolations, responseViolations } from './openApiContract';

const get = (path: string) => ({ method: 'GET', url: new URL(path, 'http://localhost'), headers: {}, body: undefined });
const put = (body: unknown, headers: Record<string, string> = { 'if-match': '"1"' }) => ({
  method: 'PUT',
  url: new URL('/books/9781788395540', 'http://localhost'),
  headers,
  body,
});
const BOOK = { isbn: '9781788395540', title: 'T', author: 'A', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };

test('documented_requests_and_answers_pass', () => {
  expect(requestViolations(get('/books?limit=20&after=9781788395540&q=x&author=y'))).toEqual([]);
  expect(requestViolations(put({ title: 'T', author: 'A', publicationYear: 2018 }))).toEqual([]);
  expect(responseViolations(get('/books'), { status: 200, contentType: 'application/json', body: [BOOK] })).toEqual([]);
});

test('requests_the_api_does_not_document_are_violations', () => {
  expect(requestViolations(get('/books?offset=20'))).toEqual([expect.stringContaining("'offset' is not documented")]);
  expect(requestViolations({ ...get('/books'), method: 'PATCH' })).toEqual([expect.stringContaining('not an operation')]);
  expect(requestViolations(put({ title: 'T', author: 'A', publicationYear: null }))).toEqual([
    expect.stringContaining('request body does not match'),
  ]);
  expect(requestViolations(put({ title: 'T', author: 'A' }, {}))).toEqual([expect.stringContaining('If-Match is missing')]);
});

test('answers_the_api_would_not_give_are_violations', () => {
  const { createdAt: _createdAt, ...withoutCreatedAt } = BOOK;
  expect(responseViolations(get('/books/9781788395540'), { status: 200, contentType: 'application/json', body: withoutCreatedAt }))
    .toEqual([expect.stringContaining("must have required property 'createdAt'")]);
  expect(responseViolations(get('/books'), { status: 412, contentType: 'application/problem+json', body: {} }))
    .toEqual([expect.stringContaining('status not documented')]);
  expect(
    responseViolations(get('/books'), {
      status: 400,
      contentType: 'application/problem+json',
      body: { type: 'about:blank', title: 'Bad', status: 400, detail: 'x', instance: '/books' },
    }),
  ).toEqual([expect.stringContaining('must be equal to one of the allowed values')]);
});
