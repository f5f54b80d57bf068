import { describe, expect, it } from 'vitest';
import { ECB_SAMPLE_RATES, ecbXml } from './fake-ecb.js';
import { FeedError, parseEcbFeed } from './ecb-feed.js';

describe('parseEcbFeed', () => {
  it("reads the ECB's daily document", async () => {
    expect(await parseEcbFeed(ecbXml('2026-12-04', ECB_SAMPLE_RATES))).toEqual({
      base: 'EUR',
      date: '2026-12-04',
      rates: ECB_SAMPLE_RATES,
    });
  });

  it('takes any namespace prefix, double quotes, attribute order, comments and whitespace', async () => {
    const xml = `<?xml version="1.0"?>
      <!-- mirrored copy -->
      <env:Envelope xmlns:env="http://www.gesmes.org/xml/2002-08-01" xmlns:e="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
        <e:Cube><e:Cube time=" 2026-12-04 ">
          <e:Cube rate="163.45" currency="JPY" />
          <e:Cube currency = "KRW"  rate = "1490.73"></e:Cube>
        </e:Cube></e:Cube>
      </env:Envelope>`;
    expect(await parseEcbFeed(xml)).toEqual({
      base: 'EUR',
      date: '2026-12-04',
      rates: { JPY: '163.45', KRW: '1490.73' },
    });
  });

  it('takes the newest day of a history document', async () => {
    const xml = `<Envelope><Cube>
      <Cube time="2026-12-03"><Cube currency="JPY" rate="160.00"/></Cube>
      <Cube time="2026-12-04"><Cube currency="JPY" rate="163.45"/></Cube>
      <Cube time="2026-12-02"><Cube currency="JPY" rate="150.00"/></Cube>
    </Cube></Envelope>`;
    expect(await parseEcbFeed(xml)).toMatchObject({ date: '2026-12-04', rates: { JPY: '163.45' } });
  });

  it('leaves out rates the app cannot use, but keeps the rest of the day', async () => {
    const xml = ecbXml('2026-12-04', {
      JPY: '163.45',
      WON: '1.2',
      USD: '1,05',
      KRW: '-1',
      EUR: '1',
      GBP: '0',
    });
    expect((await parseEcbFeed(xml)).rates).toEqual({ JPY: '163.45' });
  });

  it('refuses what is not a usable rates document', async () => {
    for (const bad of [
      '',
      'Service Unavailable',
      '{"rates":{"USD":1.05}}',
      '<html><body>Maintenance</body></html',
      ecbXml('2026-12-04', {}),
      ecbXml('2026-13-04', ECB_SAMPLE_RATES),
      ecbXml('2026-12-04', { USD: 'n/a' }),
      ecbXml('2026-12-04', ECB_SAMPLE_RATES).slice(0, 300),
      '<Envelope><Cube currency="USD" rate="1.05"/></Envelope>',
    ]) {
      await expect(parseEcbFeed(bad), bad.slice(0, 40)).rejects.toThrow(FeedError);
    }
  });
});
