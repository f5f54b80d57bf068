// @vitest-environment jsdom
// The tip panel against a real sync server: AI switched off (no key), offline, a visitor, and
// the words for each AI problem. (The tip itself and "another tip" against the fake OpenAI
// server are proven in e2e/ai.spec.ts: the OpenAI SDK refuses to load in a jsdom "browser".)
import { screen } from '@testing-library/react';
import type { TFunction } from 'i18next';
import i18n from 'i18next';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http';
import { startTestServer, type TestServer } from '../../../../../sync-server/test/harness';
import { createServices, type Services } from '../../app/services';
import { renderPage, useLanguage } from '../../app/test-utils';
import { aiErrorMessage } from './ai-messages';
import { AttractionTip } from './AttractionTip';

let off: TestServer;
let services: Services | undefined;

beforeAll(async () => {
  off = await startTestServer({});
  await useLanguage('en');
}, 60_000);

afterAll(async () => {
  services?.session.dispose();
  await off?.stop();
});

beforeEach(() => {
  localStorage.clear();
  services?.session.dispose();
  vi.restoreAllMocks();
});

async function show(loggedIn = true) {
  services = createServices(off.url);
  if (loggedIn) {
    const id = crypto.randomUUID().slice(0, 8);
    await services.session.signup({
      email: `tip-${id}@example.com`,
      password: `pass-${id}-9`,
      displayName: 'Tipper',
    });
  }
  renderPage(<AttractionTip attractionId="126508" />, {
    services,
    path: '/attractions/:id',
    at: '/attractions/126508',
  });
}

describe('AI tip panel', { timeout: 30_000 }, () => {
  it('says AI is off and disables the button when the server has no key', async () => {
    await show();
    expect(await screen.findByText('AI features are turned off on this server.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Get an AI tip' })).toHaveProperty('disabled', true);
  });

  it('offline: the button is disabled and says why', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    await show();
    expect(
      screen.getByText("You're offline, so AI is unavailable. It comes back when you're connected."),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Get an AI tip' })).toHaveProperty('disabled', true);
  });

  it('asks a visitor to log in first', async () => {
    await show(false);
    expect(screen.getByRole('link', { name: 'Log in to use the AI features.' })).toBeTruthy();
  });

  it('explains each AI problem in words', () => {
    const t = i18n.t.bind(i18n) as TFunction;
    const say = (status: number, code: string) => aiErrorMessage(t, new ApiError(status, code, code));
    expect(say(429, 'ai_quota_exceeded')).toBe("You've used today's AI quota. Try again tomorrow.");
    expect(say(429, 'rate_limited')).toBe('Too many AI requests. Wait a minute and try again.');
    expect(say(504, 'ai_timeout')).toBe("The AI didn't answer in time. Try again in a moment.");
    expect(say(502, 'ai_bad_answer')).toBe("The AI's answer didn't make sense. Please try again.");
    expect(say(0, 'network')).toBe("Can't reach the server. Check your internet connection and try again.");
  });
});
