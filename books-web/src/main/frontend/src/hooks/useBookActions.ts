import { useMemo } from 'react';
import { type BookInput, type VersionedBook, createBook, deleteBook, updateBook } from '../api/books';
import { NotSignedInError } from '../api/errors';
import { useAuth } from '../auth/AuthContext';

export interface BookActions {
  canWrite: boolean;
  create(input: BookInput): Promise<VersionedBook>;
  update(isbn: string, input: BookInput, etag: string): Promise<VersionedBook>;
  remove(isbn: string, etag: string): Promise<void>;
}

/**
 * Writes with the signed-in user's access token. A 401 (the token ran out between renewals) renews
 * it with the refresh token and sends the write once more: the gateway refused the first one
 * before books-service saw it, so the retry cannot double a write. When renewal fails the error
 * stays a NotSignedInError and the session shows as ended; the caller keeps the user's input.
 */
export function useBookActions(): BookActions {
  const { canWrite, accessToken, renew } = useAuth();

  return useMemo(() => {
    async function withToken<T>(write: (token: string) => Promise<T>): Promise<T> {
      if (!accessToken) throw new NotSignedInError(401, { title: 'Sign in first' });
      try {
        return await write(accessToken);
      } catch (error) {
        if (!(error instanceof NotSignedInError)) throw error;
        const renewed = await renew();
        if (!renewed) throw error;
        return write(renewed);
      }
    }
    return {
      canWrite,
      create: (input) => withToken((token) => createBook(input, token)),
      update: (isbn, input, etag) => withToken((token) => updateBook(isbn, input, etag, token)),
      remove: (isbn, etag) => withToken((token) => deleteBook(isbn, etag, token)),
    };
  }, [canWrite, accessToken, renew]);
}
