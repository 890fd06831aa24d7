import { BookNotFoundError } from '../api/errors';
import { useAuth } from '../auth/AuthContext';
import { useBook } from '../hooks/useBook';
import { useBookActions } from '../hooks/useBookActions';
import { navigate } from '../router';
import { MissingBook } from './BookDetail';
import { BookForm } from './BookForm';
import { ErrorMessage } from './ErrorMessage';
import { PageHeading } from './PageHeading';
import { WriteHint } from './WriteHint';

/** Edits a book; the save carries the ETag it was loaded with, so a concurrent change is caught. */
export function EditBook({ isbn }: { isbn: string }) {
  const { book, etag, loading, error, reload } = useBook(isbn);
  const { canWrite, update } = useBookActions();
  const { status } = useAuth();

  if (loading && !book) return <p role="status">Loading book…</p>;
  if (error instanceof BookNotFoundError) return <MissingBook isbn={isbn} />;
  if (error || !book) return <ErrorMessage error={error ?? new Error('no book')} what="load the book" />;

  return (
    <>
      <PageHeading title={`Edit ${book.title}`}>Edit “{book.title}”</PageHeading>
      {/* A session that ended keeps the form, so the user's changes survive signing in again. */}
      {canWrite || status === 'expired' ? (
        <BookForm
          key={etag}
          initial={book}
          version={etag}
          withIsbn={false}
          submitLabel="Save changes"
          onSubmit={async (input, version) => {
            const saved = await update(book.isbn, input, version ?? etag);
            navigate(`/book/${saved.book.isbn}`, { replace: true });
          }}
          onCancel={() => navigate(`/book/${book.isbn}`)}
          onReload={reload}
        />
      ) : (
        <WriteHint />
      )}
    </>
  );
}
