import { type ReactNode, createContext, useCallback, useContext, useMemo, useState } from 'react';

const STORAGE_KEY = 'bookshelf.apiKey';

export interface Auth {
  /** The API key for writes, or null when signed out. */
  apiKey: string | null;
  /** Why the user was signed out (e.g. the gateway rejected the key), shown by the sign-in form. */
  reason: string | null;
  signIn(key: string): void;
  signOut(reason?: string): void;
}

const AuthContext = createContext<Auth | null>(null);

function readStoredKey(storage: Storage): string | null {
  try {
    return storage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: the key just isn't remembered
  }
}

/** Keeps the API key in sessionStorage only: it is gone when the tab closes. */
export function AuthProvider({ children, storage = window.sessionStorage }: { children: ReactNode; storage?: Storage }) {
  const [apiKey, setApiKey] = useState<string | null>(() => readStoredKey(storage));
  const [reason, setReason] = useState<string | null>(null);

  const signIn = useCallback(
    (key: string) => {
      try {
        storage.setItem(STORAGE_KEY, key);
      } catch {
        // storage disabled: keep the key in memory for this page only
      }
      setApiKey(key);
      setReason(null);
    },
    [storage],
  );

  const signOut = useCallback(
    (why?: string) => {
      try {
        storage.removeItem(STORAGE_KEY);
      } catch {
        // nothing stored
      }
      setApiKey(null);
      setReason(why ?? null);
    },
    [storage],
  );

  const value = useMemo(() => ({ apiKey, reason, signIn, signOut }), [apiKey, reason, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth needs an <AuthProvider> above it');
  return auth;
}
