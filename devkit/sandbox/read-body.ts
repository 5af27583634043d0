import type { IncomingMessage } from 'node:http';

/** The request body as text, or `tooLarge` once it passed the limit. */
export type BodyResult = { tooLarge: false; text: string } | { tooLarge: true };

/** Reads the whole body up to `limitBytes`; rejects only if the connection fails. */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      // Keep draining past the limit: answering while the client still sends makes it see a reset, not the 413.
      if (length <= limitBytes) chunks.push(chunk);
    });
    req.on('end', () => {
      if (length > limitBytes) resolve({ tooLarge: true });
      else resolve({ tooLarge: false, text: Buffer.concat(chunks).toString('utf8') });
    });
    req.on('error', reject);
  });
}
