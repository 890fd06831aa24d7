import { useEffect, useRef, useState } from 'react';
import { StaleVersionError, BookNotFoundError } from '../api/errors';
import { useBook } from '../hooks/useBook';
import { useBookActions } from '../hooks/useBookActions';
import { Link, navigate } from '../router';
import { ErrorMessage } from './ErrorMessage';
import { PageHeading } from './PageHeading';
import { WriteHint } from './WriteHint';

/** One book, with edit and delete (after a confirmation) for editors. */
export function BookDetail({ isbn }: { isbn: string }) {
  const { book, etag, loading, error, reload } = useBook(isbn);
  const { canWrite, remove } = useBookActions();
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<Error | null>(null);

  if (loading && !book) return <p role="status">Loading book…</p>;
  if (error instanceof BookNotFoundError) return <MissingBook isbn={isbn} />;
  if (error || !book) return <ErrorMessage error={error ?? new Error('no book')} what="load the book" />;

  async function confirmDelete() {
    if (!book) return;
    setDeleting(true);
    setDeleteError(null);
    try {
      await remove(book.isbn, etag);
      navigate('/', { state: { notice: `Deleted “${book.title}”.` } });
    } catch (failure) {
      setDeleteError(failure as Error);
      setDeleting(false);
      setConfirming(false);
    }
  }

  return (
    <article className="book-detail">
      <PageHeading title={book.title}>{book.title}</PageHeading>
      <dl>
        <dt>Author</dt>
        <dd>{book.author}</dd>
        <dt>ISBN</dt>
        <dd>{book.isbn}</dd>
        <dt>Published</dt>
        <dd>{book.publicationYear ?? 'Unknown'}</dd>
        <dt>Last changed</dt>
        <dd>
          <time dateTime={book.updatedAt}>{new Date(book.updatedAt).toLocaleString()}</time>
          {book.updatedBy && ` by ${book.updatedBy}`}
        </dd>
        {book.createdBy && (
          <>
            <dt>Added by</dt>
            <dd>{book.createdBy}</dd>
          </>
        )}
      </dl>
      {deleteError instanceof StaleVersionError ? (
        <div className="message error" role="alert">
          <p>Someone else changed this book after you opened it, so it was not deleted. Reload to see the latest version.</p>
          <button type="button" className="button" onClick={() => { setDeleteError(null); reload(); }}>
            Reload latest version
          </button>
        </div>
      ) : (
        deleteError && <ErrorMessage error={deleteError} what="delete the book" />
      )}
      {canWrite ? (
        confirming ? (
          <DeleteConfirmation
            title={book.title}
            deleting={deleting}
            onConfirm={confirmDelete}
            onCancel={() => setConfirming(false)}
          />
        ) : (
          <div className="actions">
            <Link to={`/book/${book.isbn}/edit`} className="button">
              Edit
            </Link>
            <button type="button" className="button danger" onClick={() => setConfirming(true)}>
              Delete
            </button>
          </div>
        )
      ) : (
        <WriteHint />
      )}
      <p>
        <Link to="/">Back to all books</Link>
      </p>
    </article>
  );
}

function DeleteConfirmation({
  title,
  deleting,
  onConfirm,
  onCancel,
}: {
  title: string;
  deleting: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  // Focus the safe choice first.
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="confirm" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-text">
      <h2 id="confirm-title">Delete this book?</h2>
      <p id="confirm-text">“{title}” will be removed for everyone. This cannot be undone.</p>
      <div className="actions">
        <button type="button" className="button danger" onClick={onConfirm} disabled={deleting}>
          {deleting ? 'Deleting…' : 'Yes, delete'}
        </button>
        <button type="button" className="button secondary" ref={cancel} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

export function MissingBook({ isbn }: { isbn: string }) {
  return (
    <>
      <PageHeading title="Book not found">Book not found</PageHeading>
      <p>There is no book with ISBN {isbn}. It may have been deleted.</p>
      <p>
        <Link to="/">Back to all books</Link>
      </p>
    </>
  );
}
