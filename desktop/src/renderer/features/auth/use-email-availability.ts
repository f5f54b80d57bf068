import { useEffect, useState } from 'react';
import type { AuthApi } from './auth-api';
import { isValidEmail } from './signup-validation';

export type EmailAvailability = 'idle' | 'checking' | 'available' | 'taken' | 'unknown';

/** Asks the server whether an email is free, once typing pauses (the endpoint is rate-limited). */
export function useEmailAvailability(api: AuthApi, email: string, delayMs = 400): EmailAvailability {
  const [state, setState] = useState<EmailAvailability>('idle');
  useEffect(() => {
    const candidate = email.trim();
    if (!isValidEmail(candidate)) {
      setState('idle');
      return;
    }
    setState('checking');
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .emailAvailable(candidate, controller.signal)
        .then((available) => setState(available ? 'available' : 'taken'))
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setState('unknown');
          return error;
        });
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, email, delayMs]);
  return state;
}
