import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the ECB's daily reference-rates feed (eurofxref-daily.xml), for tests:
 * GET / answers the document in the ECB's own layout (gesmes envelope, nested Cube elements,
 * single-quoted attributes), or whatever the test scripts instead. Records every request.
 */
export type FakeEcbReply =
  | { kind: 'rates'; date: string; rates: Record<string, string> }
  /** An HTTP error from whatever stands in front of the feed. */
  | { kind: 'error'; status: number }
  /** 200 with this body as it is (garbage, HTML, a valid XML without rates ...). */
  | { kind: 'body'; body: string; contentType?: string };

/** ECB reference rates of one day (the rates are realistic, the date is the test's). */
export const ECB_SAMPLE_RATES: Record<string, string> = {
  USD: '1.0512',
  JPY: '163.45',
  BGN: '1.9558',
  CZK: '25.123',
  GBP: '0.83015',
  HKD: '8.1834',
  KRW: '1490.73',
  CNY: '7.6451',
  THB: '36.412',
  TWD: '34.127',
  SGD: '1.4187',
  AUD: '1.6312',
};

/** The feed document in the ECB's layout. */
export function ecbXml(date: string, rates: Record<string, string>): string {
  const cubes = Object.entries(rates)
    .map(([currency, rate]) => `\t\t\t<Cube currency='${currency}' rate='${rate}'/>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
\t<gesmes:subject>Reference rates</gesmes:subject>
\t<gesmes:Sender>
\t\t<gesmes:name>European Central Bank</gesmes:name>
\t</gesmes:Sender>
\t<Cube>
\t\t<Cube time='${date}'>
${cubes}
\t\t</Cube>
\t</Cube>
</gesmes:Envelope>
`;
}

export class FakeEcb {
  readonly requests: { path: string; at: number }[] = [];
  reply: FakeEcbReply = { kind: 'rates', date: '2026-12-04', rates: ECB_SAMPLE_RATES };
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.requests.push({ path: req.url ?? '/', at: Date.now() });
      const reply = this.reply;
      switch (reply.kind) {
        case 'rates':
          res.writeHead(200, { 'content-type': 'text/xml' }).end(ecbXml(reply.date, reply.rates));
          return;
        case 'error':
          res
            .writeHead(reply.status, { 'content-type': 'text/html' })
            .end('<html><body>Service Unavailable</body></html>');
          return;
        case 'body':
          res.writeHead(200, { 'content-type': reply.contentType ?? 'text/xml' }).end(reply.body);
          return;
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/stats/eurofxref/eurofxref-daily.xml`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
