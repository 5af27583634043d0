import { Writable } from 'node:stream';

/** A pino destination that keeps every line, raw and parsed, for assertions. */
export function captureLogs() {
  const raw: string[] = [];
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      const text = chunk.toString();
      raw.push(text);
      for (const line of text.split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { destination, raw, lines };
}
