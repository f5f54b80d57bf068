import type { ReactNode } from 'react';
import { LogoMark } from '../../app/icons';
import { useDocumentTitle } from '../../app/use-document-title';
import './auth.css';

/** The centred card every account page uses: mark, title, subtitle, content, footer. */
export function AuthCard({
  title,
  subtitle,
  children,
  footer,
  wide,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}) {
  useDocumentTitle(title);
  return (
    <div className="auth-page">
      <section className={`card auth-card${wide ? ' auth-card-wide' : ''}`} aria-labelledby="auth-title">
        <header>
          <LogoMark className="auth-mark" />
          <h1 id="auth-title">{title}</h1>
          {subtitle ? <p>{subtitle}</p> : null}
        </header>
        {children}
        {footer ? <div className="auth-footer">{footer}</div> : null}
      </section>
    </div>
  );
}
