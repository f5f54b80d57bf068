const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The password-reset mail in the user's language. */
export function resetMail(locale: 'ko' | 'en', name: string, link: string) {
  const t =
    locale === 'ko'
      ? {
          subject: '함가자 비밀번호 재설정',
          hello: `${name}님, 안녕하세요.`,
          body: '아래 링크에서 새 비밀번호를 정하세요. 링크는 1시간 동안 한 번만 쓸 수 있습니다.',
          ignore: '요청하지 않으셨다면 이 메일을 무시하세요. 비밀번호는 바뀌지 않습니다.',
        }
      : {
          subject: 'Reset your Hamgaja password',
          hello: `Hello ${name},`,
          body: 'Choose a new password at the link below. It works once, within one hour.',
          ignore: "If you didn't ask for this, ignore this mail; your password stays the same.",
        };
  return {
    subject: t.subject,
    text: `${t.hello}\n\n${t.body}\n\n${link}\n\n${t.ignore}\n`,
    html: `<p>${escapeHtml(t.hello)}</p><p>${escapeHtml(t.body)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><p>${escapeHtml(t.ignore)}</p>`,
  };
}
