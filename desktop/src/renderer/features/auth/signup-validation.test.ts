import { describe, expect, it } from 'vitest';
import { passwordRules, validateProfile, validateSignup, type SignupValues } from './signup-validation';

const valid: SignupValues = {
  email: 'minji@example.com',
  password: 'busan2024trip',
  passwordConfirm: 'busan2024trip',
  displayName: 'Minji',
  phone: '',
  address: '',
};

const met = (password: string, email = 'minji@example.com') =>
  Object.fromEntries(passwordRules(password, email).map((rule) => [rule.key, rule.met]));

describe('sign-up validation', () => {
  it('accepts a complete form', () => {
    expect(validateSignup(valid)).toEqual({});
  });

  it('names each broken field with its message key', () => {
    expect(
      validateSignup({
        email: 'minji@',
        password: 'short',
        passwordConfirm: 'other',
        displayName: '   ',
        phone: 'call me',
        address: 'x'.repeat(201),
      }),
    ).toEqual({
      email: 'auth.signup.emailInvalid',
      password: 'auth.signup.passwordWeak',
      passwordConfirm: 'auth.signup.confirmMismatch',
      displayName: 'auth.signup.displayNameRequired',
      phone: 'auth.signup.phoneInvalid',
      address: 'auth.signup.addressTooLong',
    });
  });

  it('requires the confirmation to match exactly', () => {
    expect(validateSignup({ ...valid, passwordConfirm: 'busan2024Trip' }).passwordConfirm).toBe(
      'auth.signup.confirmMismatch',
    );
    expect(validateSignup({ ...valid, password: '', passwordConfirm: '' }).passwordConfirm).toBe(
      'auth.signup.confirmMismatch',
    );
  });

  it('keeps the password rules the server enforces and adds strength rules', () => {
    expect(met('abcdefg1')).toEqual({ ruleLength: true, ruleLetterDigit: true, ruleNotEmail: true });
    expect(met('abcdef1')).toMatchObject({ ruleLength: false });
    expect(met('a1'.repeat(65))).toMatchObject({ ruleLength: false });
    expect(met('abcdefgh')).toMatchObject({ ruleLetterDigit: false });
    expect(met('서울여행2024')).toMatchObject({ ruleLetterDigit: true });
    expect(met('Minji2024!')).toMatchObject({ ruleNotEmail: false });
    expect(met('minji@example.com')).toMatchObject({ ruleNotEmail: false });
  });

  it('checks profile fields the way the server does', () => {
    expect(
      validateProfile({ displayName: 'x'.repeat(61), phone: '+82 (10) 1234-5678', address: '' }),
    ).toEqual({
      displayName: 'auth.signup.displayNameTooLong',
    });
  });
});
