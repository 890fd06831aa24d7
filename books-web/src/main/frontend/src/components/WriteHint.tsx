/** Shown instead of edit controls while signed out. */
export function WriteHint() {
  return <p className="hint">Sign in with an API key to add, edit or delete books.</p>;
}
