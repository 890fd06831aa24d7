import { useAuth } from '../auth/AuthContext';

/** The header's sign-in area: who is signed in and Sign out, or Sign in (nothing when sign-in is off). */
export function SignIn() {
  const { status, name, problem, signIn, signOut } = useAuth();

  if (status === 'off') return null;
  if (status === 'loading') {
    return (
      <div className="signin">
        <span className="signin-state">Checking sign-in…</span>
      </div>
    );
  }
  if (status === 'reader' || status === 'editor') {
    return (
      <div className="signin">
        <span className="signin-state">
          Signed in as <strong>{name}</strong>
          {status === 'reader' && ' (read only)'}
        </span>
        <button type="button" className="button secondary" onClick={signOut}>
          Sign out
        </button>
      </div>
    );
  }
  return (
    <div className="signin">
      {problem && (
        <p className="message error" role="alert">
          {problem}
        </p>
      )}
      <button type="button" className="button secondary" onClick={signIn}>
        {status === 'expired' ? 'Sign in again' : 'Sign in'}
      </button>
    </div>
  );
}
