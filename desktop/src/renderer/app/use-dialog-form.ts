import { useRef, useState, type FormEvent } from 'react';

/** What a dialog form's save answers: null when saved, or errors by field to show. */
type Errors<F extends string> = Partial<Record<F, string>>;

/**
 * The state and submit flow a dialog form shares with the others (stop, reservation): values,
 * errors shown once the form was submitted and kept current as the user types, focus on the first
 * field in error, a busy flag while saving, and a general failure when the save threw.
 */
export function useDialogForm<V extends Record<F, unknown>, F extends string, E extends Errors<F>>(options: {
  initial: () => V;
  validate: (values: V) => E;
  /** The fields in the order they appear, for focusing the first one in error. */
  fieldOrder: readonly F[];
  onSave: (values: V) => Promise<E | null>;
  /** Named in the console when the save throws. */
  what: string;
  /** Other fields that follow a change (e.g. the end's time zone follows the start's). */
  follow?: (next: V, previous: V, field: F) => V;
}) {
  const [values, setValues] = useState<V>(options.initial);
  const [errors, setErrors] = useState<E>({} as E);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const set = <K extends F>(field: K, value: V[K]) => {
    let next: V = { ...values, [field]: value };
    if (options.follow) next = options.follow(next, values, field);
    setValues(next);
    if (submitted) setErrors(options.validate(next));
  };

  const focusFirstError = (found: E) => {
    const first = options.fieldOrder.find((field) => found[field]);
    if (first) form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const found = options.validate(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstError(found);
    setBusy(true);
    setFailed(false);
    try {
      const refused = await options.onSave(values);
      if (refused) {
        setErrors(refused);
        focusFirstError(refused);
      }
    } catch (err) {
      console.error(`Saving the ${options.what} failed`, err);
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return { values, errors, busy, failed, form, set, submit };
}
