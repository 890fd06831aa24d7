import { type FormEvent, useState } from 'react';
import { useAuth } from '../auth/AuthContext';
import { useBooks } from '../hooks/useBooks';
import { Link, navigate, useLocation } from '../router';
import { ErrorMessage } from './ErrorMessage';
import { Provenance } from './Provenance';
import { PageHeading } from './PageHeading';
import { WriteHint } from './WriteHint';

function noticeOf(state: unknown): string | null {
  if (state && typeof state === 'object' && 'notice' in state && typeof state.notice === 'string') {
    return state.notice;
  }
  return null;
}

/** The list page: search (kept in the URL so it can be shared), paging and the way to add. */
export function BookList() {
  const location = useLocation();
  const q = location.search.get('q') ?? '';
  const author = location.search.get('author') ?? '';
  const { books, loading, loadingMore, error, hasMore, loadMore } = useBooks({ q, author });
  const { canWrite } = useAuth();
  const notice = noticeOf(location.state);
  const searching = q !== '' || author !== '';

  return (
    <>
      <div className="page-title">
        <PageHeading title="Books">Books</PageHeading>
        {canWrite && (
          <Link to="/new" className="button">
            Add a book
          </Link>
        )}
      </div>
      {!canWrite && <WriteHint />}
      {notice && (
        <p className="message success" role="status">
          {notice}
        </p>
      )}
      <SearchForm key={`${q}\u0000${author}`} q={q} author={author} />
      {loading ? (
        <p role="status">Loading books…</p>
      ) : (
        <>
          {books.length > 0 ? (
            <ul className="book-list" aria-label="Books">
              {books.map((book) => (
                <li key={book.isbn}>
                  <Link to={`/book/${book.isbn}`} className="book-title">
                    {book.title}
                  </Link>
                  <span className="book-meta">
                    {book.author}
                    {book.publicationYear ? ` · ${book.publicationYear}` : ''}
                  </span>
                  <Provenance book={book} />
                </li>
              ))}
            </ul>
          ) : (
            !error && (
              <p className="empty" role="status">
                {searching ? 'No books match your search.' : 'No books yet.'}
              </p>
            )
          )}
          {error && <ErrorMessage error={error} what="load the books" />}
          {hasMore && (
            <button type="button" className="button secondary" onClick={loadMore} disabled={loadingMore}>
              {loadingMore ? 'Loading…' : 'Show more books'}
            </button>
          )}
        </>
      )}
    </>
  );
}

function SearchForm({ q, author }: { q: string; author: string }) {
  const [text, setText] = useState(q);
  const [by, setBy] = useState(author);

  function submit(event: FormEvent) {
    event.preventDefault();
    const params = new URLSearchParams();
    if (text.trim()) params.set('q', text.trim());
    if (by.trim()) params.set('author', by.trim());
    const query = params.toString();
    navigate(query ? `/?${query}` : '/');
  }

  return (
    <form role="search" className="search" onSubmit={submit}>
      <div className="field">
        <label htmlFor="search-q">Title or author</label>
        <input id="search-q" type="search" value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="search-author">Author</label>
        <input id="search-author" type="search" value={by} onChange={(e) => setBy(e.target.value)} />
      </div>
      <button type="submit" className="button">
        Search
      </button>
    </form>
  );
}
