import { describe, expect, it } from 'vitest';
import type { DraftEvent, DraftStop } from '@hamgaja/shared';
import { readDraftStream, SseParser } from './draft-stream';

const stop: DraftStop = {
  day: 0,
  startTime: '09:30',
  durationMinutes: 120,
  place: {
    attractionId: '126508',
    name: '경복궁',
    lat: 37.5796,
    lng: 126.977,
    address: '서울 종로구',
    contentTypeId: 12,
  },
  category: 'sightseeing',
  note: '수문장 교대식',
};
const events: DraftEvent[] = [
  { type: 'start', candidateCount: 12, source: 'catalog' },
  { type: 'stop', index: 0, stop },
  { type: 'dropped', placeId: '999999', reason: 'unknown_place' },
  { type: 'done', draft: { title: '종로 하루', summary: '궁궐', stops: [stop] }, dropped: 1 },
];
const wire = events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join('');

describe('draft stream parsing (text/event-stream)', () => {
  it('parses every event of a whole answer, in order', () => {
    expect(new SseParser().push(wire)).toEqual(events);
  });

  it('keeps events whole when chunks split lines, JSON and CRLF anywhere', () => {
    const parser = new SseParser();
    const crlf = wire.replace(/\n/g, '\r\n');
    const parsed: DraftEvent[] = [];
    for (let i = 0; i < crlf.length; i += 7) parsed.push(...parser.push(crlf.slice(i, i + 7)));
    parsed.push(...parser.end());
    expect(parsed).toEqual(events);
  });

  it('skips comments, unknown shapes and an event name that does not match its data', () => {
    const parser = new SseParser();
    const text =
      ': keep-alive\n\n' +
      'event: stop\ndata: {"type":"stop","index":"x"}\n\n' +
      `event: done\ndata: ${JSON.stringify(events[0])}\n\n` +
      'data: not json\n\n' +
      `data: ${JSON.stringify(events[0])}\n\n`;
    expect(parser.push(text)).toEqual([events[0]]);
  });

  it('reads a start event without a source (an older server) as an AI draft', () => {
    expect(new SseParser().push('event: start\ndata: {"type":"start","candidateCount":3}\n\n')).toEqual([
      { type: 'start', candidateCount: 3, source: 'ai' },
    ]);
  });

  it('reads the last event even without a final blank line', () => {
    const parser = new SseParser();
    expect(parser.push(`event: start\ndata: ${JSON.stringify(events[0])}`)).toEqual([]);
    expect(parser.end()).toEqual([events[0]]);
  });

  it('decodes a byte stream split inside multi-byte characters', async () => {
    const bytes = new TextEncoder().encode(wire);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 5) controller.enqueue(bytes.slice(i, i + 5));
        controller.close();
      },
    });
    const seen: DraftEvent[] = [];
    await readDraftStream(stream, (event) => seen.push(event));
    expect(seen).toEqual(events);
    expect(seen[1]).toMatchObject({ stop: { place: { name: '경복궁' } } });
  });
});
