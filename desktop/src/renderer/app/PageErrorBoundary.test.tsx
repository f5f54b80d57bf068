// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { MemoryRouter, Route, Routes, useLocation, useNavigate } from 'react-router';
import { beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { onPageRetry } from './page-retry';
import { PageErrorBoundary } from './PageErrorBoundary';
import { useLanguage } from './test-utils';

let broken = true;
function Fragile() {
  if (broken) throw new TypeError("Cannot read properties of undefined (reading '_leaflet_pos')");
  return <h1>The place</h1>;
}

function Frame() {
  const location = useLocation();
  const navigate = useNavigate();
  const [clicks, setClicks] = useState(0);
  return (
    <>
      <header>
        <button type="button" onClick={() => setClicks(clicks + 1)}>
          Header works {clicks}
        </button>
        <button type="button" onClick={() => void navigate('/other')}>
          Other page
        </button>
      </header>
      <main>
        <PageErrorBoundary resetKey={location.pathname}>
          <Routes>
            <Route path="/place" element={<Fragile />} />
            <Route path="/other" element={<h1>Another page</h1>} />
            <Route path="/" element={<h1>Home</h1>} />
          </Routes>
        </PageErrorBoundary>
      </main>
    </>
  );
}

const renderAt = (path: string) =>
  render(
    <MemoryRouter initialEntries={[path]}>
      <Frame />
    </MemoryRouter>,
  );

beforeAll(() => useLanguage('en'));

describe('PageErrorBoundary', () => {
  it('shows what happened with "try again" and "go home" while the rest of the app keeps working', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    onTestFinished(() => {
      vi.restoreAllMocks();
    });
    const user = userEvent.setup();
    broken = true;
    renderAt('/place');
    expect(screen.getByRole('heading', { level: 1, name: "This page couldn't be shown" })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Your trips and changes are still safe');
    await user.click(screen.getByRole('button', { name: /Header works/ }));
    expect(screen.getByRole('button', { name: 'Header works 1' })).toBeTruthy();

    // "Try again" mounts the page afresh, after what was registered to be reset.
    const reset = vi.fn();
    onTestFinished(onPageRetry(reset));
    broken = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(reset).toHaveBeenCalledOnce();
    expect(screen.getByRole('heading', { level: 1, name: 'The place' })).toBeTruthy();
  });

  it('"go home" leaves the error behind, and so does any other page', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    onTestFinished(() => {
      vi.restoreAllMocks();
    });
    const user = userEvent.setup();
    broken = true;
    renderAt('/place');
    await user.click(screen.getByRole('link', { name: 'Go home' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Home' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('another page starts clean', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    onTestFinished(() => {
      vi.restoreAllMocks();
    });
    const user = userEvent.setup();
    broken = true;
    renderAt('/place');
    expect(screen.getByRole('alert')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Other page' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Another page' })).toBeTruthy();
  });

  it('speaks Korean', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    onTestFinished(() => {
      vi.restoreAllMocks();
    });
    onTestFinished(() => useLanguage('en'));
    await useLanguage('ko');
    broken = true;
    renderAt('/place');
    expect(screen.getByRole('heading', { level: 1, name: '이 화면을 보여 주지 못했어요' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '다시 시도' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '홈으로' })).toBeTruthy();
  });
});
