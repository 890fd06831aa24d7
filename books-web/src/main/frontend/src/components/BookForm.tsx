import { type FormEvent, useState } from 'react';
import type { BookInput } from '../api/books';
import {
  ApiKeyRejectedError,
  DuplicateIsbnError,
  type FieldError,
  InvalidInputError,
  StaleVersionError,
} from '../api/errors';

export interface BookFormProps {
  initial?: BookInput;
  /** Creating asks for the ISBN; editing keeps it fixed (it is the book's identity). */
  withIsbn: boolean;
  submitLabel: string;
  onSubmit(input: BookInput): Promise<void>;
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

/** Add/edit form; shows the server's problem+json field errors next to the fields. */
export function BookForm({ initial, withIsbn, submitLabel, onSubmit, onCancel, onReload }: BookFormProps) {
  const [values, setValues] = useState<Values>(() => toValues(initial));
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
      await onSubmit(toInput(values, withIsbn));
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
  if (error instanceof ApiKeyRejectedError) {
    return (
      <p className="message error" role="alert">
        Your API key was not accepted, so nothing was saved. Sign in again, then save.
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

function focusField(field: string | undefined) {
  if (field) document.getElementById(`book-${field}`)?.focus();
}
