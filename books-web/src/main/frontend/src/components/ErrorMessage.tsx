import { NetworkError } from '../api/errors';

/** A failed request, said in words a reader can act on. */
export function ErrorMessage({ error, what }: { error: Error; what: string }) {
  const text = error instanceof NetworkError ? error.message : `Could not ${what}: ${error.message}`;
  return (
    <p className="message error" role="alert">
      {text}
    </p>
  );
}
