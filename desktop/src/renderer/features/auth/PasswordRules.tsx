import { useTranslation } from 'react-i18next';
import type { PasswordRule } from './signup-validation';

/** The password rules, each marked met or not as the user types. */
export function PasswordRules({ rules }: { rules: PasswordRule[] }) {
  const { t } = useTranslation();
  return (
    <ul className="rules" aria-label={t('auth.signup.passwordRules')}>
      {rules.map((rule) => (
        <li key={rule.key} className="rule" data-met={rule.met}>
          {t(`auth.signup.${rule.key}`)}
          <span className="visually-hidden">
            {' '}
            {rule.met ? t('auth.signup.ruleMet') : t('auth.signup.ruleUnmet')}
          </span>
        </li>
      ))}
    </ul>
  );
}
