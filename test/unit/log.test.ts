import { Writable } from 'node:stream';
import { createLogger, scrubSecrets } from '../../src/log.js';

function capture(level = 'trace', secrets: string[] = []) {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      raw.push(chunk.toString());
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { log: createLogger({ level, secrets, destination }), lines, raw };
}

describe('logger', () => {
  test('writes one JSON object per line with a level name', () => {
    const { log, lines } = capture('info');
    log.info({ user: 'U1' }, 'hello');
    log.debug('hidden at info');
    expect(lines).toEqual([expect.objectContaining({ level: 'info', msg: 'hello', user: 'U1', app: 'trunkbot' })]);
  });

  test('redacts secret keys at every level, nested too', () => {
    const { log, lines, raw } = capture('trace');
    const record = { keyId: 1, sipPassword: 'pw-123456' };
    log.trace({ record }, 'record');
    log.debug({ records: [record] }, 'records');
    log.info({ headers: { sign: 'abcdef0123', 'api-key': 'k' } }, 'headers');
    log.error({ config: { apiSecret: 'itnio-s3cret', botToken: 'tok' } }, 'config');
    expect(raw.join('')).not.toMatch(/pw-123456|abcdef0123|itnio-s3cret/);
    expect(lines[0]).toMatchObject({ record: { keyId: 1, sipPassword: '[REDACTED]' } });
    expect(lines[2]).toMatchObject({ headers: { sign: '[REDACTED]', 'api-key': 'k' } });
  });

  test('secret keys are blanked at any depth, and other keys with secret-sounding parts are kept', () => {
    const { log, lines } = capture('info');
    log.info({ a: { b: { c: [{ token: 't-123456', password: 'pw-abcdef', Authorization: 'Bearer abc' }] } }, tokenCount: 3 }, 'deep');
    expect(lines[0]).toMatchObject({
      a: { b: { c: [{ token: '[REDACTED]', password: '[REDACTED]', Authorization: '[REDACTED]' }] } },
      tokenCount: 3,
    });
  });

  test('scrubs configured secret values and Slack tokens wherever they appear', () => {
    const { log, raw } = capture('debug', ['the-signing-secret', 'itnio-secret-value']);
    log.debug(`bolt said: token xoxb-1234-5678-abcdef and the-signing-secret`);
    log.warn({ error: { message: 'failed with itnio-secret-value inside' } }, 'oops');
    const all = raw.join('');
    expect(all).not.toMatch(/xoxb-1234|the-signing-secret|itnio-secret-value/);
    expect(all.match(/\[REDACTED\]/g)).toHaveLength(3);
  });
});

describe('scrubSecrets', () => {
  test('blanks SIP passwords in raw JSON, even JSON logged inside strings, and keeps the line valid', () => {
    const body = JSON.stringify({ data: { records: [{ keyId: 1, sipPassword: 'pa"ss\\word', ok: true }] } });
    const line = JSON.stringify({ msg: 'raw body', body: JSON.stringify({ text: body }) });
    const scrubbed = scrubSecrets(line, []);
    expect(scrubbed).not.toMatch(/pa.*ss.*word/);
    const inner = JSON.parse(JSON.parse(JSON.parse(scrubbed).body).text);
    expect(inner.data.records[0]).toEqual({ keyId: 1, sipPassword: '[REDACTED]', ok: true });
  });

  test('leaves a null SIP password and other keys alone', () => {
    expect(scrubSecrets('{"sipPassword":null,"sipAccount":"acme"}', [])).toBe('{"sipPassword":null,"sipAccount":"acme"}');
  });

  test('replaces every occurrence and leaves other text alone', () => {
    expect(scrubSecrets('a s3cr3t b s3cr3t xapp-1-AAA c', ['s3cr3t'])).toBe('a [REDACTED] b [REDACTED] [REDACTED] c');
  });
});
