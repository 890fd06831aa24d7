import { useCallback, useEffect, useState } from 'react';
import { type Book, getBook } from '../api/books';

export interface BookState {
  book: Book | null;
  /** The version the user sees; sent as If-Match when they change the book. */
  etag: string;
  loading: boolean;
  error: Error | null;
  reload(): void;
}

/** One book with its ETag. */
export function useBook(isbn: string): BookState {
  const [book, setBook] = useState<Book | null>(null);
  const [etag, setEtag] = useState('');
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    getBook(isbn).then(
      (loaded) => {
        if (!current) return;
        setBook(loaded.book);
        setEtag(loaded.etag);
        setLoading(false);
      },
      (failure: Error) => {
        if (!current) return;
        setBook(null);
        setError(failure);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [isbn, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { book, etag, loading, error, reload };
}
