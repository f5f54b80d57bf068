// @vitest-environment jsdom
// Which description a place page shows: the page's language when the catalog has it, else the
// other one with a plain notice; and the place page against a real server's sample catalog.
import { screen, within } from '@testing-library/react';
import { render } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../../../sync-server/test/harness';
import { createServices } from '../../app/services';
import { renderPage, useLanguage } from '../../app/test-utils';
import AttractionPage from './AttractionPage';
import { AttractionOverview, chooseOverview } from './AttractionOverview';

const ko = '<p>1395년에 세운 조선 왕조의 법궁.</p>';
const en = '<p>The main royal palace of the Joseon dynasty.</p>';

describe('chooseOverview', () => {
  it('shows the page language when the catalog has it', () => {
    expect(chooseOverview({ overview: ko, overviewEn: en }, 'en')).toEqual({
      html: en,
      lang: 'en',
      notice: null,
    });
    expect(chooseOverview({ overview: ko, overviewEn: en }, 'ko')).toEqual({
      html: ko,
      lang: 'ko',
      notice: null,
    });
  });

  it('falls back to the other language with a notice', () => {
    expect(chooseOverview({ overview: ko, overviewEn: null }, 'en')).toEqual({
      html: ko,
      lang: 'ko',
      notice: 'onlyKorean',
    });
    // A server or region pack from before overviewEn existed.
    expect(chooseOverview({ overview: ko }, 'en')?.notice).toBe('onlyKorean');
    expect(chooseOverview({ overview: ' ', overviewEn: en }, 'ko')).toEqual({
      html: en,
      lang: 'en',
      notice: 'onlyEnglish',
    });
  });

  it('shows nothing when there is no description', () => {
    expect(chooseOverview({ overview: null, overviewEn: null }, 'en')).toBeNull();
    expect(chooseOverview({ overview: '', overviewEn: '  ' }, 'ko')).toBeNull();
  });
});

describe('AttractionOverview', () => {
  it('English page, English description: no notice, marked as English', async () => {
    await useLanguage('en');
    render(<AttractionOverview attraction={{ overview: ko, overviewEn: en }} language="en" />);
    const card = screen.getByRole('region', { name: 'About' });
    expect(
      within(card)
        .getByText('The main royal palace of the Joseon dynasty.')
        .closest('[lang]')
        ?.getAttribute('lang'),
    ).toBe('en');
    expect(within(card).queryByText(/description is available/)).toBeNull();
  });

  it('English page, only a Korean description: says so plainly, the text marked as Korean', async () => {
    await useLanguage('en');
    render(<AttractionOverview attraction={{ overview: ko, overviewEn: null }} language="en" />);
    const card = screen.getByRole('region', { name: 'About' });
    expect(within(card).getByText('Only a Korean description is available.')).toBeTruthy();
    expect(
      within(card).getByText('1395년에 세운 조선 왕조의 법궁.').closest('[lang]')?.getAttribute('lang'),
    ).toBe('ko');
  });

  it('Korean page: the Korean description, or the English one with a Korean notice', async () => {
    await useLanguage('ko');
    const { unmount } = render(
      <AttractionOverview attraction={{ overview: ko, overviewEn: en }} language="ko" />,
    );
    expect(screen.getByRole('region', { name: '소개' }).textContent).toBe(
      '소개1395년에 세운 조선 왕조의 법궁.',
    );
    unmount();
    render(<AttractionOverview attraction={{ overview: null, overviewEn: en }} language="ko" />);
    expect(screen.getByText('영어 설명만 있습니다.')).toBeTruthy();
    expect(screen.getByText('The main royal palace of the Joseon dynasty.')).toBeTruthy();
  });

  it('sanitizes the HTML again', async () => {
    await useLanguage('en');
    const { container } = render(
      <AttractionOverview
        attraction={{ overview: null, overviewEn: '<p>Hi<script>x()</script><img src=x onerror=y()></p>' }}
        language="en"
      />,
    );
    expect(container.querySelector('.overview-html')?.innerHTML).toBe('<p>Hi</p>');
  });

  it('renders nothing without a description', async () => {
    await useLanguage('en');
    const { container } = render(
      <AttractionOverview attraction={{ overview: null, overviewEn: null }} language="en" />,
    );
    expect(container.innerHTML).toBe('');
  });
});

describe('place page with the sample catalog', { timeout: 30_000 }, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({});
  }, 60_000);
  afterAll(() => server?.stop());

  const show = () =>
    renderPage(<AttractionPage />, {
      services: createServices(server.url),
      path: '/attractions/:id',
      at: '/attractions/900000001',
    });

  it('in English: the English description and the type picture instead of "no photos"', async () => {
    await useLanguage('en');
    show();
    const about = await screen.findByRole('region', { name: 'About' });
    expect(about.textContent).toMatch(/The main royal palace of the Joseon dynasty, founded in 1395/);
    expect(within(about).queryByText(/Only a Korean description/)).toBeNull();
    expect(screen.getByRole('img', { name: /^Tourist attraction: an illustration/ })).toBeTruthy();
    expect(screen.queryByText(/No photos/i)).toBeNull();
  });

  it('in Korean: the Korean description and the Korean type name', async () => {
    await useLanguage('ko');
    show();
    const about = await screen.findByRole('region', { name: '소개' });
    expect(about.textContent).toMatch(/1395년 태조 이성계가 세운 조선 왕조의 법궁/);
    expect(screen.getByRole('img', { name: /^관광지: / })).toBeTruthy();
  });
});
