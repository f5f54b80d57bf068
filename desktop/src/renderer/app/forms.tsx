import { useId, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SEARCH_TEXT_MAX } from '@hamgaja/shared';
import { EyeIcon, EyeOffIcon } from './icons';

type FieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  /** A positive note (e.g. "this email is free"). */
  ok?: string | null;
  /** Marks the label "(optional)". */
  optionalField?: boolean;
  /** Extra content under the input (e.g. a list of password rules). */
  below?: ReactNode;
};

function Described({
  id,
  hint,
  error,
  ok,
}: {
  id: string;
  hint?: ReactNode;
  error?: string | null;
  ok?: string | null;
}) {
  return (
    <>
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : ok ? (
        <span id={`${id}-ok`} className="field-ok" role="status">
          {ok}
        </span>
      ) : null}
      {hint ? (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      ) : null}
    </>
  );
}

function describedBy(
  id: string,
  hint: unknown,
  error: unknown,
  ok: unknown,
  below: unknown,
): string | undefined {
  const ids = [
    error ? `${id}-error` : ok ? `${id}-ok` : null,
    hint ? `${id}-hint` : null,
    below ? `${id}-below` : null,
  ];
  const joined = ids.filter(Boolean).join(' ');
  return joined || undefined;
}

function Label({ id, label, optionalField }: { id: string; label: string; optionalField?: boolean }) {
  const { t } = useTranslation();
  // "(optional)" sits beside the label, so the field's accessible name is just its label.
  return (
    <span className="field-label">
      <label htmlFor={id}>{label}</label>
      {optionalField ? <span className="optional">{t('common.optional')}</span> : null}
    </span>
  );
}

/** A labelled input with its hint and error wired up for assistive technology. */
export function TextField({ label, hint, error, ok, optionalField, below, ...input }: FieldProps) {
  const id = useId();
  return (
    <div className="field">
      <Label id={id} label={label} optionalField={optionalField} />
      <input
        id={id}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error, ok, below)}
        {...input}
      />
      <Described id={id} hint={hint} error={error} ok={ok} />
      {below ? <div id={`${id}-below`}>{below}</div> : null}
    </div>
  );
}

/** A password input with a show/hide button. */
export function PasswordField({ label, hint, error, ok, optionalField, below, ...input }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const [visible, setVisible] = useState(false);
  return (
    <div className="field">
      <Label id={id} label={label} optionalField={optionalField} />
      <div className="input-with-action">
        <input
          id={id}
          className="input"
          type={visible ? 'text' : 'password'}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error, ok, below)}
          {...input}
        />
        <button
          type="button"
          className="icon-button"
          aria-label={visible ? t('common.hidePassword') : t('common.showPassword')}
          aria-pressed={visible}
          aria-controls={id}
          onClick={() => setVisible((value) => !value)}
        >
          {visible ? <EyeOffIcon /> : <EyeIcon />}
        </button>
      </div>
      <Described id={id} hint={hint} error={error} ok={ok} />
      {below ? <div id={`${id}-below`}>{below}</div> : null}
    </div>
  );
}

/** A message about the whole form (an API error, a success). */
export function FormAlert({ kind, children }: { kind: 'error' | 'success' | 'info'; children: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function SubmitButton({
  busy,
  label,
  busyLabel,
}: {
  busy: boolean;
  label: string;
  busyLabel: string;
}) {
  return (
    <button
      type="submit"
      className="button button-primary button-large button-block"
      disabled={busy}
      aria-busy={busy}
    >
      {busy ? <span className="spinner" aria-hidden="true" /> : null}
      {busy ? busyLabel : label}
    </button>
  );
}

/** Search text past the API's limit: said next to the box while typing, never cut (see SEARCH_TEXT_MAX). */
export function searchTextTooLong(text: string): boolean {
  return text.trim().length > SEARCH_TEXT_MAX;
}

/** The message under a search box whose text is too long; renders nothing otherwise. */
export function SearchTextTooLong({ id, text }: { id: string; text: string }) {
  const { t } = useTranslation();
  if (!searchTextTooLong(text)) return null;
  return (
    <span id={id} className="field-error" role="alert">
      {t('common.searchTooLong', { max: SEARCH_TEXT_MAX, length: text.trim().length })}
    </span>
  );
}
