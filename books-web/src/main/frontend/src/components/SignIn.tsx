import { type FormEvent, useState } from 'react';
import { useAuth } from '../auth/AuthContext';

/** Signs in with a gateway API key (kept for this browser tab only) or signs out. */
export function SignIn() {
  const { apiKey, reason, signIn, signOut } = useAuth();
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState('');
  const [missing, setMissing] = useState(false);

  if (apiKey) {
    return (
      <div className="signin">
        <span className="signin-state">Signed in to edit</span>
        <button type="button" className="button secondary" onClick={() => signOut()}>
          Sign out
        </button>
      </div>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!key.trim()) {
      setMissing(true);
      return;
    }
    signIn(key.trim());
    setKey('');
    setMissing(false);
    setOpen(false);
  }

  if (!open && !reason) {
    return (
      <div className="signin">
        <button type="button" className="button secondary" onClick={() => setOpen(true)}>
          Sign in to edit
        </button>
      </div>
    );
  }

  return (
    <form className="signin signin-form" aria-label="Sign in" onSubmit={submit} noValidate>
      {reason && (
        <p className="message error" role="alert">
          {reason}
        </p>
      )}
      <label htmlFor="api-key">API key</label>
      <input
        id="api-key"
        type="password"
        autoComplete="off"
        autoFocus
        value={key}
        aria-invalid={missing}
        aria-describedby={missing ? 'api-key-error' : 'api-key-hint'}
        onChange={(event) => setKey(event.target.value)}
      />
      {missing ? (
        <span id="api-key-error" className="field-error">
          Enter your API key.
        </span>
      ) : (
        <span id="api-key-hint" className="hint">
          Kept in this tab only.
        </span>
      )}
      <button type="submit" className="button">
        Sign in
      </button>
    </form>
  );
}
