// Test helpers for component tests (jsdom): the real i18n, services and a memory router.
import { cleanup, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach } from 'vitest';
import { initI18n, type Language } from '../i18n';
import { ServicesProvider, type Services } from './services';

afterEach(() => cleanup());

export async function useLanguage(language: Language): Promise<void> {
  await initI18n({ language });
}

/** Renders `element` at `path` inside the app's providers; `routes` adds pages to land on. */
export function renderPage(
  element: ReactNode,
  options: { services: Services; path: string; at?: string; routes?: Record<string, ReactNode> },
) {
  return render(
    <ServicesProvider services={options.services}>
      <MemoryRouter initialEntries={[options.at ?? options.path]}>
        <Routes>
          <Route path={options.path} element={element} />
          {Object.entries(options.routes ?? {}).map(([path, page]) => (
            <Route key={path} path={path} element={page} />
          ))}
        </Routes>
      </MemoryRouter>
    </ServicesProvider>,
  );
}
