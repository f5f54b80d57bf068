/**
 * Reads the draft endpoint's text/event-stream: blocks separated by a blank line, an
 * `event:` line naming the type and `data:` lines carrying the DraftEvent JSON. Chunks may
 * split anywhere (even inside a UTF-8 character or a line), so the parser keeps the rest.
 */
import { draftEventSchema, type DraftEvent } from '@hamgaja/shared';

export class SseParser {
  private buffer = '';

  /** Feeds decoded text; returns the complete events it finished (invalid ones are skipped). */
  push(text: string): DraftEvent[] {
    this.buffer += text.replace(/\r\n?/g, '\n');
    const events: DraftEvent[] = [];
    let end = this.buffer.indexOf('\n\n');
    while (end !== -1) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const event = parseBlock(block);
      if (event) events.push(event);
      end = this.buffer.indexOf('\n\n');
    }
    return events;
  }

  /** The last event when the stream ended without a final blank line. */
  end(): DraftEvent[] {
    const rest = this.buffer;
    this.buffer = '';
    const event = rest.trim() ? parseBlock(rest) : null;
    return event ? [event] : [];
  }
}

function parseBlock(block: string): DraftEvent | null {
  let name: string | null = null;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue; // a comment (keep-alive)
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return null;
  let json: unknown;
  try {
    json = JSON.parse(data.join('\n'));
  } catch {
    return null;
  }
  const parsed = draftEventSchema.safeParse(json);
  if (!parsed.success) return null;
  if (name !== null && name !== parsed.data.type) return null;
  return parsed.data;
}

/** Decodes a byte stream and hands each event to `onEvent` as soon as it is complete. */
export async function readDraftStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: DraftEvent) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const event of parser.push(decoder.decode(value, { stream: true }))) onEvent(event);
    }
    for (const event of parser.push(decoder.decode())) onEvent(event);
    for (const event of parser.end()) onEvent(event);
  } finally {
    reader.releaseLock();
  }
}
