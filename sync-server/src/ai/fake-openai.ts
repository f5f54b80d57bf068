import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible server for tests: POST /v1/chat/completions answered from a
 * queue of scripted replies, as JSON or as `stream: true` SSE chunks (the real wire format),
 * so the real SDK runs against it. Records every request and whether its client hung up.
 */
export type FakeReply =
  /** A finished chat completion whose message is `content` (streamed in `chunks` pieces when the request streams). */
  | { kind: 'answer'; content: string; chunks?: number }
  /** Streams these content pieces, then keeps the connection open without finishing. */
  | { kind: 'stall'; pieces: string[] }
  /** Answers an HTTP error with an OpenAI-style error body. */
  | { kind: 'error'; status: number }
  /** Accepts the request and never answers. */
  | { kind: 'hang' };

export type FakeRequest = {
  body: {
    model?: string;
    stream?: boolean;
    messages?: { role: string; content: string }[];
    response_format?: unknown;
  };
  authorization: string | undefined;
  /** Resolves when the exchange is over: `true` when the client closed the connection first. */
  ended: Promise<boolean>;
};

export class FakeOpenAI {
  readonly requests: FakeRequest[] = [];
  private readonly replies: FakeReply[] = [];
  private server?: Server;
  url = '';

  /** Queues replies for the next requests (a request with nothing queued gets a 500). */
  reply(...replies: FakeReply[]): void {
    this.replies.push(...replies);
  }

  reset(): void {
    this.replies.length = 0;
    this.requests.length = 0;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        (respond) => respond(res),
        () => res.writeHead(400).end(),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async handle(req: IncomingMessage) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      return (res: ServerResponse) => res.writeHead(404).end();
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as FakeRequest['body'];
    const reply = this.replies.shift() ?? { kind: 'error', status: 500 };
    let settle: (closedByClient: boolean) => void = () => undefined;
    const ended = new Promise<boolean>((resolve) => (settle = resolve));
    this.requests.push({ body, authorization: req.headers.authorization, ended });
    return (res: ServerResponse) => {
      res.on('close', () => settle(!res.writableFinished));
      const model = body.model ?? 'fake-model';
      const created = Math.floor(Date.now() / 1000);
      const id = `chatcmpl-${this.requests.length}`;
      if (reply.kind === 'hang') return;
      if (reply.kind === 'error') {
        res
          .writeHead(reply.status, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { message: 'fake failure', type: 'server_error', code: null } }));
        return;
      }
      if (!body.stream) {
        if (reply.kind === 'stall') return;
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id,
            object: 'chat.completion',
            created,
            model,
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: reply.content, refusal: null },
                finish_reason: 'stop',
                logprobs: null,
              },
            ],
            usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
          }),
        );
        return;
      }
      const chunk = (delta: object, finish: string | null = null) =>
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] })}\n\n`;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(chunk({ role: 'assistant', content: '' }));
      const pieces = reply.kind === 'stall' ? reply.pieces : split(reply.content, reply.chunks ?? 8);
      for (const piece of pieces) res.write(chunk({ content: piece }));
      if (reply.kind === 'stall') return;
      res.write(chunk({}, 'stop'));
      res.end('data: [DONE]\n\n');
    };
  }
}

/** Splits text into about n pieces (by code point, so no character is cut). */
function split(text: string, n: number): string[] {
  const chars = [...text];
  const size = Math.max(1, Math.ceil(chars.length / n));
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(''));
  return pieces;
}
