import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signSlackRequest } from '../../devkit/sandbox/slack-signature.js';

/** One request as the recording bot received it. */
export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A loopback server in the bot's place: records every request and answers 200 with a fixed body. */
export interface RecordingBot {
  eventsUrl: string;
  received: Received[];
  /** The one request received, after checking it carries a valid, fresh Slack signature made with `secret`. */
  verifiedRequest(secret: string): Received;
  close(): Promise<void>;
}

/** Starts a recording bot on 127.0.0.1. */
export async function startRecordingBot(): Promise<RecordingBot> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(200, { 'content-type': 'application/json', 'x-bot': 'trunkbot' }).end('{"challenge":"echo"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    received,
    verifiedRequest(secret) {
      expect(received).toHaveLength(1);
      const request = received[0]!;
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/slack/events');
      const timestamp = Number(request.headers['x-slack-request-timestamp']);
      expect(Math.abs(Date.now() / 1000 - timestamp)).toBeLessThan(5);
      expect(request.headers['x-slack-signature']).toBe(
        signSlackRequest(secret, request.body, timestamp)['x-slack-signature'],
      );
      return request;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
