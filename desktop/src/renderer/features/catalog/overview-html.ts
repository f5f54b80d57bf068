import DOMPurify from 'dompurify';

/**
 * The server already sanitizes overview HTML; the app checks again (defence in depth: a
 * downloaded pack or a future server could differ) with the same small allowlist, and
 * makes every link open outside the app.
 */
const ALLOWED_TAGS = ['p', 'br', 'b', 'strong', 'i', 'em', 'u', 'ul', 'ol', 'li', 'a'];

export function safeOverviewHtml(html: string): string {
  const purify = DOMPurify(window);
  const clean = purify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href'],
    ALLOWED_URI_REGEXP: /^https?:\/\//i,
    RETURN_DOM_FRAGMENT: true,
  });
  for (const link of clean.querySelectorAll('a')) {
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer nofollow');
  }
  const container = document.createElement('div');
  container.append(clean);
  return container.innerHTML;
}
