import { useAuth } from '../auth/AuthContext';
import { useBookActions } from '../hooks/useBookActions';
import { navigate } from '../router';
import { BookForm } from './BookForm';
import { PageHeading } from './PageHeading';
import { WriteHint } from './WriteHint';

export function NewBook() {
  const { canWrite, create } = useBookActions();
  const { status } = useAuth();
  return (
    <>
      <PageHeading title="Add a book">Add a book</PageHeading>
      {/* A session that ended keeps the form, so what was typed survives signing in again. */}
      {canWrite || status === 'expired' ? (
        <BookForm
          withIsbn
          submitLabel="Add book"
          onSubmit={async (input) => {
            const saved = await create(input);
            navigate(`/book/${saved.book.isbn}`, { replace: true });
          }}
          onCancel={() => navigate('/')}
        />
      ) : (
        <WriteHint />
      )}
    </>
  );
}
