import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { BookInput } from '../api/books';
import {
  DuplicateIsbnError,
  type FieldError,
  ForbiddenError,
  InvalidInputError,
  NotSignedInError,
  StaleVersionError,
} from '../api/errors';
import { useAuth } from '../auth/AuthContext';

export interface BookFormProps {
  initial?: BookInput;
  /** The ETag the form edits; a draft restored after signing in again keeps the one it was typed against. */
  version?: string;
  /** Creating asks for the ISBN; editing keeps it fixed (it is the book's identity). */
  withIsbn: boolean;
  submitLabel: string;
  onSubmit(input: BookInput, version?: string): Promise<void>;
  onCancel(): void;
  /** Offered when the save fails because the book changed meanwhile. */
  onReload?: () => void;
}

type Field = 'isbn' | 'title' | 'author' | 'publicationYear';
const FIELDS: Field[] = ['isbn', 'title', 'author', 'publicationYear'];

interface Values {
  isbn: string;
  title: string;
  author: string;
  publicationYear: string;
}

function toValues(input?: BookInput): Values {
  return {
    isbn: input?.isbn ?? '',
    title: input?.title ?? '',
    author: input?.author ?? '',
    publicationYear: input?.publicationYear ? String(input.publicationYear) : '',
  };
}

/** Checks only what the browser can know; the server has the final word on every rule. */
function localErrors(values: Values, withIsbn: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (withIsbn && !values.isbn.trim()) errors.push({ field: 'isbn', message: 'Enter the ISBN.' });
  if (!values.title.trim()) errors.push({ field: 'title', message: 'Enter the title.' });
  if (!values.author.trim()) errors.push({ field: 'author', message: 'Enter the author.' });
  if (values.publicationYear.trim() && !/^-?\d{1,4}$/.test(values.publicationYear.trim())) {
    errors.push({ field: 'publicationYear', message: 'Enter a year such as 2017, or leave it empty.' });
  }
  return errors;
}

function toInput(values: Values, withIsbn: boolean): BookInput {
  const year = values.publicationYear.trim();
  return {
    ...(withIsbn ? { isbn: values.isbn.trim() } : {}),
    title: values.title.trim(),
    author: values.author.trim(),
    // Left out when unknown: PUT replaces the whole book, so an absent year clears it.
    ...(year ? { publicationYear: Number(year) } : {}),
  };
}

interface Draft {
  values: Values;
  version?: string;
}

/** Where a form's unsaved values wait while the page is away (signing in again, a reload): this tab only. */
function draftKey(): string {
  return `bookshelf.draft:${window.location.pathname}`;
}

/** The draft left by this page's last unload, taken once (so it cannot come back twice). */
function takeDraft(): Draft | null {
  try {
    const text = window.sessionStorage.getItem(draftKey());
    window.sessionStorage.removeItem(draftKey());
    return text ? (JSON.parse(text) as Draft) : null;
  } catch {
    return null;
  }
}

/**
 * Keeps the values across the page going away (to the sign-in page and back, or a reload): saved
 * when the page is hidden, restored once when the same form opens again.
 */
function useDraft(initial: BookInput | undefined, version: string | undefined) {
  const [draft] = useState(takeDraft);
  const [values, setValues] = useState<Values>(() => draft?.values ?? toValues(initial));
  const latest = useRef<Draft>({ values, version: draft?.version ?? version });
  latest.current = { values, version: draft?.version ?? version };
  useEffect(() => {
    const key = draftKey();
    const save = () => {
      try {
        window.sessionStorage.setItem(key, JSON.stringify(latest.current));
      } catch {
        // storage disabled: nothing to keep it in
      }
    };
    window.addEventListener('pagehide', save);
    return () => window.removeEventListener('pagehide', save);
  }, []);
  return { values, setValues, restored: draft !== null, version: latest.current.version };
}

/** Add/edit form; shows the server's problem+json field errors next to the fields. */
export function BookForm({ initial, version, withIsbn, submitLabel, onSubmit, onCancel, onReload }: BookFormProps) {
  const { values, setValues, restored, version: draftVersion } = useDraft(initial, version);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<Error | null>(null);
  const [saving, setSaving] = useState(false);

  const shown = FIELDS.filter((field) => withIsbn || field !== 'isbn');
  const errorFor = (field: Field) => fieldErrors.find((e) => e.field === field)?.message;
  const otherErrors = fieldErrors.filter((e) => !shown.includes(e.field as Field));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const local = localErrors(values, withIsbn);
    setFieldErrors(local);
    if (local.length > 0) {
      focusField(local[0]?.field);
      return;
    }
    setSaving(true);
    try {
      await onSubmit(toInput(values, withIsbn), draftVersion);
    } catch (error) {
      // A taken ISBN belongs next to the ISBN field, like any other field error.
      const fields =
        error instanceof DuplicateIsbnError
          ? [{ field: 'isbn', message: error.message }]
          : error instanceof InvalidInputError
            ? error.fieldErrors
            : [];
      setFieldErrors(fields);
      setFailure(error as Error);
      focusField(fields[0]?.field);
    } finally {
      setSaving(false);
    }
  }

  function field(name: Field, label: string, props: { inputMode?: 'numeric'; autoComplete?: string } = {}) {
    const error = errorFor(name);
    const id = `book-${name}`;
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          name={name}
          type="text"
          value={values[name]}
          aria-invalid={error !== undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => setValues((v) => ({ ...v, [name]: event.target.value }))}
          {...props}
        />
        {error && (
          <span id={`${id}-error`} className="field-error">
            {error}
          </span>
        )}
      </div>
    );
  }

  return (
    <form className="book-form" onSubmit={submit} noValidate aria-busy={saving}>
      {restored && !failure && (
        <p className="message success" role="status">
          Your unsaved changes are back. Check them, then save.
        </p>
      )}
      {failure && <FailureMessage error={failure} otherErrors={otherErrors} onReload={onReload} />}
      {withIsbn && field('isbn', 'ISBN', { inputMode: 'numeric', autoComplete: 'off' })}
      {field('title', 'Title')}
      {field('author', 'Author')}
      {field('publicationYear', 'Publication year (optional)', { inputMode: 'numeric' })}
      <div className="actions">
        <button type="submit" className="button" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function FailureMessage({
  error,
  otherErrors,
  onReload,
}: {
  error: Error;
  otherErrors: FieldError[];
  onReload?: (() => void) | undefined;
}) {
  if (error instanceof StaleVersionError) {
    return (
      <div className="message error" role="alert">
        <p>
          Someone else changed this book after you opened it, so your changes were not saved. Reload
          to see the latest version, then make your changes again.
        </p>
        {onReload && (
          <button type="button" className="button" onClick={onReload}>
            Reload latest version
          </button>
        )}
      </div>
    );
  }
  if (error instanceof NotSignedInError) return <SessionEnded />;
  if (error instanceof ForbiddenError) {
    return (
      <p className="message error" role="alert">
        Your account can read but not edit books, so nothing was saved.
      </p>
    );
  }
  const title =
    (error instanceof InvalidInputError && error.fieldErrors.length > 0) || error instanceof DuplicateIsbnError
      ? 'Please correct the highlighted fields.'
      : `Could not save: ${error.message}`;
  return (
    <div className="message error" role="alert">
      <p>{title}</p>
      {otherErrors.length > 0 && (
        <ul>
          {otherErrors.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              {e.field}: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function SessionEnded() {
  const { signIn } = useAuth();
  return (
    <div className="message error" role="alert">
      <p>Your session has ended, so nothing was saved. Sign in again: what you typed is kept and comes back here.</p>
      <button type="button" className="button" onClick={signIn}>
        Sign in again
      </button>
    </div>
  );
}

function focusField(field: string | undefined) {
  if (field) document.getElementById(`book-${field}`)?.focus();
}
