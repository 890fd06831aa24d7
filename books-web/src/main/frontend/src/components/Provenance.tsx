import type { Book } from '../api/books';

/** "added by …" and, when someone else changed it later, "updated by …"; nothing for books from before sign-in. */
export function Provenance({ book }: { book: Book }) {
  const { createdBy, updatedBy } = book;
  if (!createdBy && !updatedBy) return null;
  return (
    <span className="book-provenance">
      {createdBy && `added by ${createdBy}`}
      {createdBy && updatedBy && updatedBy !== createdBy && ' · '}
      {updatedBy && updatedBy !== createdBy && `updated by ${updatedBy}`}
    </span>
  );
}
