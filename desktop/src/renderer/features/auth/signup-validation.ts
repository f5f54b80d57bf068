import { displayNameSchema, emailSchema, passwordSchema } from '@hamgaja/shared';
import type { Messages } from '../../i18n/ko';

export type SignupValues = {
  email: string;
  password: string;
  passwordConfirm: string;
  displayName: string;
  phone: string;
  address: string;
};

/** i18n keys of the messages under each field. */
export type SignupMessageKey = `auth.signup.${keyof Messages['auth']['signup']}`;
export type SignupErrors = Partial<Record<keyof SignupValues, SignupMessageKey>>;

export type PasswordRule = { key: 'ruleLength' | 'ruleLetterDigit' | 'ruleNotEmail'; met: boolean };

/** The password rules shown live under the field; the server enforces the length, we add strength. */
export function passwordRules(password: string, email: string): PasswordRule[] {
  const localPart = email.trim().toLowerCase().split('@')[0] ?? '';
  const lower = password.toLowerCase();
  return [
    { key: 'ruleLength', met: passwordSchema.safeParse(password).success },
    { key: 'ruleLetterDigit', met: /\p{L}/u.test(password) && /\p{N}/u.test(password) },
    {
      key: 'ruleNotEmail',
      met:
        password.length > 0 &&
        lower !== email.trim().toLowerCase() &&
        (localPart.length < 4 || !lower.includes(localPart)),
    },
  ];
}

export const isValidEmail = (email: string) => emailSchema.safeParse(email).success;

const PHONE = /^[0-9+\-() ]{0,30}$/;

/** Checks the profile fields (sign-up and my page) the way the server will. */
export function validateProfile(
  values: Pick<SignupValues, 'displayName' | 'phone' | 'address'>,
): SignupErrors {
  const errors: SignupErrors = {};
  if (!displayNameSchema.safeParse(values.displayName).success) {
    errors.displayName =
      values.displayName.trim().length === 0
        ? 'auth.signup.displayNameRequired'
        : 'auth.signup.displayNameTooLong';
  }
  if (!PHONE.test(values.phone.trim())) errors.phone = 'auth.signup.phoneInvalid';
  if (values.address.trim().length > 200) errors.address = 'auth.signup.addressTooLong';
  return errors;
}

/** Checks the sign-up form the way the server will, plus the confirmation and password rules. */
export function validateSignup(values: SignupValues): SignupErrors {
  const errors: SignupErrors = {};
  if (!isValidEmail(values.email)) errors.email = 'auth.signup.emailInvalid';
  if (!passwordRules(values.password, values.email).every((rule) => rule.met)) {
    errors.password = 'auth.signup.passwordWeak';
  }
  if (values.passwordConfirm !== values.password || values.passwordConfirm === '') {
    errors.passwordConfirm = 'auth.signup.confirmMismatch';
  }
  return { ...errors, ...validateProfile(values) };
}
