import { Writable } from 'node:stream';
import { UnknownError } from '@slack/bolt';
import { toBoltLogger } from '../../src/bolt-logger.js';
import { createLogger, errorFields, scrubSecrets } from '../../src/log.js';

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
    log.info(
      { a: { b: { c: [{ token: 't-123456', password: 'pw-abcdef', Authorization: 'Bearer abc' }] } }, tokenCount: 3 },
      'deep',
    );
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

describe('logger output stays valid JSON and secret-free', () => {
  test('a secret value ending in a backslash is blanked and the next key survives', () => {
    const { log, lines } = capture('info');
    log.info({ sipPassword: 'pa55word\\', next: 'x' }, 'record');
    expect(lines[0]).toMatchObject({ sipPassword: '[REDACTED]', next: 'x' });
  });

  test('secret keys inside JSON logged as text, and inside text logged in JSON again, are blanked', () => {
    const { log, lines, raw } = capture('info');
    const body = '{"sipPassword":"in-body-pw\\\\"}';
    log.info(
      { body, wrapped: JSON.stringify({ body }), said: `vendor answered ${JSON.stringify({ body })}` },
      'vendor',
    );
    expect(raw.join('')).not.toContain('in-body-pw');
    expect(JSON.parse(String(lines[0]?.body))).toEqual({ sipPassword: '[REDACTED]' });
    expect(JSON.parse(JSON.parse(String(lines[0]?.wrapped)).body)).toEqual({ sipPassword: '[REDACTED]' });
  });

  test('a truncated body keeps no part of its secret', () => {
    const { log, lines, raw } = capture('info');
    log.info({ input: 'answer: {"data":{"sipPassword":"cut-off-pw', after: 'kept' }, 'truncated');
    expect(raw.join('')).not.toContain('cut-off');
    expect(lines[0]).toMatchObject({ input: 'answer: {"data":{"sipPassword":"[REDACTED]', after: 'kept' });
  });

  test('JSON cut short inside quoted JSON loses the rest of the secret, not the quotes around it', () => {
    const { log, lines } = capture('info');
    log.info({ said: 'vendor said {"input":"{\\"sipPassword\\":\\"cut-pw"}' }, 'truncated');
    expect(lines[0]).toMatchObject({ said: 'vendor said {"input":"{\\"sipPassword\\":\\"[REDACTED]"}' });
  });

  test('a secret key in a JSON body is blanked whatever its value, and the body stays valid JSON', () => {
    const { log, lines, raw } = capture('info');
    log.info(
      { body: JSON.stringify({ authorization: { user: 'u', pass: 'object-pw' }, token: 123456789, id: 7 }, null, 2) },
      'body',
    );
    expect(raw.join('')).not.toMatch(/object-pw|123456789/);
    expect(JSON.parse(String(lines[0]?.body))).toEqual({ authorization: '[REDACTED]', token: '[REDACTED]', id: 7 });
  });

  test('configured secrets with quotes and backslashes are scrubbed at any escaping depth', () => {
    const secret = 'r3d!s"pa\\ss';
    const { log, raw } = capture('info', [secret]);
    log.info(
      { url: `redis://:${secret}@host`, nested: JSON.stringify({ url: `redis://:${secret}@host` }) },
      `text ${JSON.stringify({ s: secret })}`,
    );
    expect(raw.join('')).not.toMatch(/r3d!s|pa\\+ss/);
  });

  test('Slack tokens are scrubbed even right after an escape', () => {
    const { log, raw } = capture('info');
    log.info(
      { note: `first line\nxoxb-1111-2222-abcd`, text: `said ${JSON.stringify({ t: 'line\nxapp-1-AAAA' })}` },
      'tokens',
    );
    expect(raw.join('')).not.toMatch(/xoxb-1111|xapp-1-AAAA/);
  });
});

describe('errorFields', () => {
  function explode(): never {
    return (null as unknown as { boom: () => never }).boom();
  }

  test('an unexpected error is logged under err with its type and stack', () => {
    const { log, lines } = capture('info');
    try {
      explode();
    } catch (err) {
      log.error(errorFields(err), 'listener failed');
    }
    expect(lines[0]).toMatchObject({ err: { type: 'TypeError', stack: expect.stringContaining('explode') } });
    expect(lines[0]).not.toHaveProperty('error');
  });

  test('an expected, coded error stays compact: message and code, no stack', () => {
    const { log, lines } = capture('info');
    const err = Object.assign(new Error('ITNIO did not answer within 5000 ms'), { code: 'itnio_timeout' });
    log.warn(errorFields(err), 'vendor failed');
    expect(lines[0]).toMatchObject({
      error: { message: 'ITNIO did not answer within 5000 ms', code: 'itnio_timeout' },
    });
    expect(JSON.stringify(lines[0])).not.toContain('at ');
    expect(lines[0]).not.toHaveProperty('err');
  });

  test('a Slack Web API error carries the Slack error code', () => {
    const err = Object.assign(new Error('An API error occurred: channel_not_found'), {
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'channel_not_found' },
    });
    expect(errorFields(err)).toEqual({
      error: {
        message: 'An API error occurred: channel_not_found',
        code: 'slack_webapi_platform_error',
        slackError: 'channel_not_found',
      },
    });
  });

  test('a thrown string and an Error without a code count as unexpected', () => {
    expect(errorFields('boom')).toEqual({ err: 'boom' });
    const plain = new Error('plain');
    expect(errorFields(plain)).toEqual({ err: plain });
  });

  test('secrets in an error message and stack are scrubbed', () => {
    const { log, lines, raw } = capture('info', ['itnio-secret-value']);
    log.error(errorFields(new TypeError('bad token xoxb-9-9-zz near itnio-secret-value')), 'oops');
    expect(raw.join('')).not.toMatch(/xoxb-9|itnio-secret-value/);
    expect(lines[0]).toMatchObject({ err: { message: 'bad token [REDACTED] near [REDACTED]' } });
  });

  test('a listener bug that Bolt logs reaches the log with its stack, also when Bolt wrapped it', () => {
    const { log, lines } = capture('info');
    const bolt = toBoltLogger(log);
    try {
      explode();
    } catch (err) {
      bolt.error('listener failed', err);
      bolt.error(new UnknownError(err as Error));
    }
    for (const line of lines)
      expect(line).toMatchObject({
        component: 'bolt',
        err: { type: 'TypeError', stack: expect.stringContaining('explode') },
      });
    expect(lines).toHaveLength(2);
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
    expect(scrubSecrets('{"sipPassword":null,"sipAccount":"acme"}', [])).toBe(
      '{"sipPassword":null,"sipAccount":"acme"}',
    );
  });

  test('replaces every occurrence and leaves other text alone', () => {
    expect(scrubSecrets('a s3cr3t b s3cr3t xapp-1-AAA c', ['s3cr3t'])).toBe('a [REDACTED] b [REDACTED] [REDACTED] c');
  });
});
