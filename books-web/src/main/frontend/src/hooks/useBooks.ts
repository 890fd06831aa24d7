import { useCallback, useEffect, useState } from 'react';
import { type Book, type ListQuery, listBooks, listBooksAt } from '../api/books';

export interface BooksState {
  books: Book[];
  loading: boolean;
  loadingMore: boolean;
  error: Error | null;
  hasMore: boolean;
  loadMore(): void;
}

interface Loaded {
  books: Book[];
  next: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: Error | null;
}

const START: Loaded = { books: [], next: null, loading: true, loadingMore: false, error: null };

/** The books matching a search, one page at a time; `loadMore` follows the server's next link. */
export function useBooks({ q, author }: ListQuery): BooksState {
  const [state, setState] = useState<Loaded>(START);

  useEffect(() => {
    let current = true;
    setState(START);
    listBooks({ q, author }).then(
      (page) => current && setState({ ...START, books: page.books, next: page.next, loading: false }),
      (error: Error) => current && setState({ ...START, loading: false, error }),
    );
    return () => {
      current = false;
    };
  }, [q, author]);

  const next = state.next;
  const loadMore = useCallback(() => {
    if (!next) return;
    setState((s) => ({ ...s, loadingMore: true, error: null }));
    listBooksAt(next).then(
      (page) =>
        setState((s) =>
          s.next === next
            ? { ...s, books: [...s.books, ...page.books], next: page.next, loadingMore: false }
            : s,
        ),
      (error: Error) => setState((s) => ({ ...s, loadingMore: false, error })),
    );
  }, [next]);

  return {
    books: state.books,
    loading: state.loading,
    loadingMore: state.loadingMore,
    error: state.error,
    hasMore: state.next !== null,
    loadMore,
  };
}
