import { type AuthStatus, useAuth } from '../auth/AuthContext';

const HINTS: Record<Exclude<AuthStatus, 'editor'>, string> = {
  off: 'Editing is off: this site has no sign-in configured.',
  loading: 'Checking your sign-in…',
  signedOut: 'Sign in to add, edit or delete books.',
  expired: 'Your session has ended. Sign in again to add, edit or delete books.',
  reader: 'You can read but not edit: your account does not have the editor role.',
};

/** Shown instead of edit controls, saying why they are not there. */
export function WriteHint() {
  const { status } = useAuth();
  if (status === 'editor') return null;
  return (
    <p className="hint write-hint">
      {HINTS[status]}
    </p>
  );
}
