import { useMemo } from 'react';
import { type BookInput, type VersionedBook, createBook, deleteBook, updateBook } from '../api/books';
import { ApiKeyRejectedError } from '../api/errors';
import { useAuth } from '../auth/AuthContext';

export interface BookActions {
  canWrite: boolean;
  create(input: BookInput): Promise<VersionedBook>;
  update(isbn: string, input: BookInput, etag: string): Promise<VersionedBook>;
  remove(isbn: string, etag: string): Promise<void>;
}

export const REJECTED_KEY =
  'The server did not accept your API key, so nothing was saved. Sign in again with a valid key.';

/** Writes with the signed-in key; a rejected key signs the user out with the reason. */
export function useBookActions(): BookActions {
  const { apiKey, signOut } = useAuth();

  return useMemo(() => {
    async function withKey<T>(write: (key: string) => Promise<T>): Promise<T> {
      if (!apiKey) throw new ApiKeyRejectedError(401, { title: 'Sign in first', detail: REJECTED_KEY });
      try {
        return await write(apiKey);
      } catch (error) {
        if (error instanceof ApiKeyRejectedError) signOut(REJECTED_KEY);
        throw error;
      }
    }
    return {
      canWrite: apiKey !== null,
      create: (input) => withKey((key) => createBook(input, key)),
      update: (isbn, input, etag) => withKey((key) => updateBook(isbn, input, etag, key)),
      remove: (isbn, etag) => withKey((key) => deleteBook(isbn, etag, key)),
    };
  }, [apiKey, signOut]);
}
