import { Component, Fragment, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AlertIcon } from './icons';
import { resetForPageRetry } from './page-retry';
import { useDocumentTitle } from './use-document-title';

/** What a page that failed shows instead: what happened, "try again" and "go home". */
export function PageError({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  useDocumentTitle(t('pageError.title'));
  return (
    <section className="center-page page-error" role="alert" aria-labelledby="page-error-title">
      <span className="page-error-icon" aria-hidden="true">
        <AlertIcon />
      </span>
      <h1 id="page-error-title">{t('pageError.title')}</h1>
      <p>{t('pageError.body')}</p>
      <div className="page-error-actions">
        <button type="button" className="button button-primary" onClick={onRetry}>
          {t('common.retry')}
        </button>
        <Link to="/" className="button">
          {t('common.goHome')}
        </Link>
      </div>
    </section>
  );
}

type Props = {
  /** The page shown; a new value (the next page) clears a caught error. */
  resetKey: string;
  children: ReactNode;
};

type State = { error: unknown; resetKey: string; attempt: number };

/**
 * Catches what one page throws while rendering (or in its effects), so the header and the rest of
 * the app stay usable: without it React unmounts the whole app and leaves a blank window.
 * "Try again" mounts the page afresh; moving to another page clears the error.
 */
export class PageErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error ?? new Error('A page failed without an error') };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    // The error belongs to the page it happened on: another page starts clean.
    return props.resetKey === state.resetKey ? null : { resetKey: props.resetKey, error: null };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('A page failed to render', error, info.componentStack);
  }

  private readonly retry = () => {
    resetForPageRetry();
    this.setState((state) => ({ error: null, attempt: state.attempt + 1 }));
  };

  override render(): ReactNode {
    if (this.state.error) return <PageError onRetry={this.retry} />;
    // A new key on "try again": the page mounts from scratch (its state and effects anew).
    return <Fragment key={this.state.attempt}>{this.props.children}</Fragment>;
  }
}
