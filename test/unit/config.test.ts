import { readFileSync } from 'node:fs';
import { ConfigError, isPlaceholder, loadConfig, readConfig, secretsOf } from '../../src/config.js';

const valid = {
  SLACK_BOT_TOKEN: 'xoxb-test-token',
  SLACK_SIGNING_SECRET: 'signing-secret',
  ITNIO_API_KEY: 'key',
  ITNIO_API_SECRET: 'itnio-secret',
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  test('applies documented defaults', () => {
    const config = loadConfig(valid);
    expect(config.http.port).toBe(3000);
    expect(config.itnio.apiUrl).toBe('https://api.itniotech.com');
    expect(config.itnio.timeoutMs).toBe(4000);
    expect(config.itnio.timeZone).toBe('UTC');
    expect(config.digest.timeZone).toBe('UTC');
    expect(config.logLevel).toBe('info');
    expect(config.slack.apiUrl).toBeUndefined();
    expect(config.slack.appToken).toBeUndefined();
  });

  test('reads every variable', () => {
    const config = loadConfig({
      ...valid,
      SLACK_APP_TOKEN: 'xapp-1-abc',
      SLACK_API_URL: 'http://127.0.0.1:9/api',
      PORT: '8080',
      HOST: '0.0.0.0',
      ITNIO_API_URL: 'http://127.0.0.1:4010/',
      ITNIO_TIMEOUT_MS: '2500',
      ITNIO_TIMEZONE: 'Asia/Shanghai',
      DIGEST_TIMEZONE: 'Europe/Berlin',
      LOG_LEVEL: 'DEBUG',
    });
    expect(config).toMatchObject({
      slack: { appToken: 'xapp-1-abc', apiUrl: 'http://127.0.0.1:9/api/' },
      http: { port: 8080, host: '0.0.0.0' },
      itnio: { apiUrl: 'http://127.0.0.1:4010', timeoutMs: 2500, timeZone: 'Asia/Shanghai' },
      digest: { timeZone: 'Europe/Berlin' },
      logLevel: 'debug',
    });
  });

  test('names every missing variable and how to fix it, all at once', () => {
    const problems = problemsOf({});
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token/);
    expect(problems.join('\n')).toMatch(/ITNIO_API_KEY is not set: .*ITNIO console/);
    expect(problems.join('\n')).toMatch(/ITNIO_API_SECRET is not set/);
    expect(problems.join('\n')).toMatch(/SLACK_SIGNING_SECRET is not set: HTTP mode needs/);
  });

  test('a missing signing secret is reported in the same run as every other problem', () => {
    const { SLACK_SIGNING_SECRET: _omit, ...withoutSecret } = valid;
    const problems = problemsOf({ ...withoutSecret, PORT: 'eighty', ITNIO_API_SECRET: '' });
    expect(problems).toEqual([
      expect.stringMatching(/^PORT must be a whole number/),
      expect.stringMatching(/^ITNIO_API_SECRET is empty/),
      expect.stringMatching(/^SLACK_SIGNING_SECRET is not set/),
    ]);
  });

  test('a malformed app token still means Socket Mode: no signing secret is asked for', () => {
    const { SLACK_SIGNING_SECRET: _omit, ...withoutSecret } = valid;
    expect(problemsOf({ ...withoutSecret, SLACK_APP_TOKEN: 'xoxb-wrong-kind' })).toEqual([
      expect.stringMatching(/^SLACK_APP_TOKEN must be an app-level token/),
    ]);
  });

  test('HTTP mode needs the signing secret; Socket Mode does not', () => {
    const { SLACK_SIGNING_SECRET: _omit, ...withoutSecret } = valid;
    expect(problemsOf(withoutSecret)).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET is not set: .*Basic Information/),
    ]);
    expect(loadConfig({ ...withoutSecret, SLACK_APP_TOKEN: 'xapp-1-abc' }).slack.appToken).toBe('xapp-1-abc');
  });

  test.each([
    ['SLACK_BOT_TOKEN', 'xoxp-user-token', /must be a bot token starting with xoxb-/],
    ['SLACK_APP_TOKEN', 'xoxb-wrong-kind', /must be an app-level token starting with xapp-/],
    ['PORT', 'eighty', /PORT must be a whole number from 0 to 65535/],
    ['PORT', '70000', /PORT must be a whole number/],
    ['ITNIO_TIMEOUT_MS', '10', /ITNIO_TIMEOUT_MS must be a whole number from 100 to 60000/],
    ['ITNIO_API_URL', 'api.itniotech.com', /ITNIO_API_URL must be an http\(s\) URL/],
    ['SLACK_API_URL', 'ftp://x', /SLACK_API_URL must be an http\(s\) URL/],
    ['ITNIO_TIMEZONE', 'Mars/Olympus', /ITNIO_TIMEZONE must be an IANA time zone/],
    ['DIGEST_TIMEZONE', 'Europe/Atlantis', /DIGEST_TIMEZONE must be an IANA time zone/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
    ['ITNIO_API_KEY', '   ', /ITNIO_API_KEY is empty/],
  ])('%s=%j is explained', (name, value, message) => {
    expect(problemsOf({ ...valid, [name]: value })).toEqual([expect.stringMatching(message)]);
  });

  test('error messages never echo secret values', () => {
    const problems = problemsOf({ ...valid, SLACK_BOT_TOKEN: 'xoxp-very-secret-user-token' });
    expect(problems.join('\n')).not.toContain('very-secret');
  });

  test('secretsOf lists the values logs must scrub, including a Redis password', () => {
    expect(secretsOf(loadConfig(valid)).sort()).toEqual(['itnio-secret', 'signing-secret', 'xoxb-test-token']);
    expect(secretsOf(loadConfig({ ...valid, REDIS_URL: 'redis://:p%40ssword@redis:6379' }))).toContain('p@ssword');
  });

  test('reads the safety settings, with defaults that are on but generous', () => {
    expect(loadConfig(valid)).toMatchObject({
      access: { channels: [], users: [], teams: [], contact: 'the trunkbot admins' },
      limits: { perUserPerMinute: 20, itnioConcurrency: 4, itnioQueue: 50 },
    });
    const config = loadConfig({
      ...valid,
      ALLOWED_CHANNEL_IDS: 'C0INC, C0NOC',
      ALLOWED_USER_IDS: 'U0A U0B',
      ALLOWED_TEAM_IDS: 'T0HOME,T0PARTNER',
      ACCESS_CONTACT: '<#C0TOOLS>',
      RATE_LIMIT_PER_USER: '0',
      ITNIO_MAX_CONCURRENCY: '2',
      ITNIO_MAX_QUEUE: '0',
      REDIS_URL: 'rediss://cache.internal:6380',
    });
    expect(config).toMatchObject({
      access: {
        channels: ['C0INC', 'C0NOC'],
        users: ['U0A', 'U0B'],
        teams: ['T0HOME', 'T0PARTNER'],
        contact: '<#C0TOOLS>',
      },
      limits: { perUserPerMinute: 0, itnioConcurrency: 2, itnioQueue: 0 },
      redisUrl: 'rediss://cache.internal:6380',
    });
  });

  test.each([
    [
      'ALLOWED_CHANNEL_IDS',
      '#incident',
      /ALLOWED_CHANNEL_IDS must be comma-separated Slack channel IDs such as C0123ABCD, got "#incident"/,
    ],
    ['ALLOWED_USER_IDS', 'U0A,@bob', /ALLOWED_USER_IDS must be comma-separated Slack user IDs/],
    // Installed per workspace: an org ID would match no asker and silently refuse everyone.
    [
      'ALLOWED_TEAM_IDS',
      'T0HOME,E0ORG',
      /ALLOWED_TEAM_IDS must be workspace IDs such as T0123ABCD, got "E0ORG": trunkbot is installed per workspace, not org-wide/,
    ],
    ['ALLOWED_TEAM_IDS', 'C0INCIDENT', /ALLOWED_TEAM_IDS must be workspace IDs such as T0123ABCD, got "C0INCIDENT"/],
    ['REDIS_URL', 'localhost:6379', /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    ['ITNIO_MAX_CONCURRENCY', '0', /ITNIO_MAX_CONCURRENCY must be a whole number from 1 to 100/],
    ['ACCESS_CONTACT', 'ask <!channel>', /ACCESS_CONTACT must be plain text, a <#CHANNEL_ID> or a <@USER_ID>/],
    ['ACCESS_CONTACT', '<https://evil.example|the admins>', /ACCESS_CONTACT must be plain text/],
    ['ACCESS_CONTACT', '<!subteam^S123>', /ACCESS_CONTACT must be plain text/],
  ])('%s=%j is explained', (name, value, message) => {
    expect(problemsOf({ ...valid, [name]: value })).toEqual([expect.stringMatching(message)]);
  });

  test('BUTTON_SEAL_SECRET is optional, read when set, and scrubbed from logs', () => {
    expect(loadConfig(valid).slack.buttonSealSecret).toBeUndefined();
    const config = loadConfig({ ...valid, BUTTON_SEAL_SECRET: ' 0123456789abcdef0123 ' });
    expect(config.slack.buttonSealSecret).toBe('0123456789abcdef0123');
    expect(secretsOf(config)).toContain('0123456789abcdef0123');
    expect(problemsOf({ ...valid, BUTTON_SEAL_SECRET: 'short' })).toEqual([
      expect.stringMatching(/^BUTTON_SEAL_SECRET must be at least 16 characters: .*openssl rand -hex 32/),
    ]);
  });
});

describe('placeholders', () => {
  test('every secret left as in .env.example is refused as a placeholder, with the fix, in one run', () => {
    const example = Object.fromEntries(
      readFileSync(new URL('../../.env.example', import.meta.url), 'utf8')
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    const problems = problemsOf(example);
    const placeholders = problems.filter((p) => / is still a placeholder /.test(p)).map((p) => p.split(' ')[0]);
    expect(placeholders).toEqual(
      expect.arrayContaining(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'ITNIO_API_KEY', 'ITNIO_API_SECRET']),
    );
    expect(problems.join('\n')).toMatch(/SLACK_BOT_TOKEN is still a placeholder .*: copy the Bot User OAuth Token/);
    expect(problems.join('\n')).toMatch(/ITNIO_API_SECRET is still a placeholder .*: set it to the API secret/);
    // A placeholder is one problem, not also "wrong kind of token".
    expect(problems.filter((p) => p.startsWith('SLACK_BOT_TOKEN'))).toHaveLength(1);
  });

  test.each([
    'xoxb-your-bot-token',
    'your-signing-secret',
    'YOUR_ITNIO_API_KEY',
    'changeme',
    'change-me',
    'replace_me',
    '<your signing secret>',
    'xoxb-…',
    'xapp-1-your-app-token',
    'xxxxxxxx',
    '...',
    'bDqJFiq9',
    '7bz1lzh9',
  ])('%j is a placeholder', (value) => {
    expect(isPlaceholder(value)).toBe(true);
  });

  test.each([
    'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx',
    'xapp-1-A0123ABCD-1234567890-0a1b2c3d',
    '8f14e45fceea167a5a36dedd4bea2543',
    'sandbox-key',
    'acme_callcenter_api',
    'yourcompany',
  ])('%j is taken as a real value', (value) => {
    expect(isPlaceholder(value)).toBe(false);
  });

  test('a placeholder is refused in every secret, and its value is never echoed', () => {
    const problems = problemsOf({ ...valid, SLACK_SIGNING_SECRET: 'your-signing-secret', ITNIO_API_KEY: 'changeme' });
    expect(problems).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET is still a placeholder .*Basic Information/),
      expect.stringMatching(/^ITNIO_API_KEY is still a placeholder .*ITNIO console/),
    ]);
    expect(problems.join('\n')).not.toMatch(/your-signing-secret|changeme/);
  });
});

describe('readConfig', () => {
  test('keeps what the valid variables configure when others are wrong', () => {
    const reading = readConfig({ ...valid, ITNIO_API_SECRET: 'your-itnio-api-secret', REDIS_URL: 'localhost' });
    expect(reading.mode).toBe('http');
    expect([...reading.invalid].sort()).toEqual(['ITNIO_API_SECRET', 'REDIS_URL']);
    expect(reading.config.slack).toMatchObject({ botToken: 'xoxb-test-token', signingSecret: 'signing-secret' });
    expect(reading.config.itnio).toMatchObject({ apiKey: 'key', apiSecret: undefined });
    expect(reading.config.redisUrl).toBeUndefined();
  });

  test('Socket Mode follows SLACK_APP_TOKEN', () => {
    expect(readConfig({ ...valid, SLACK_APP_TOKEN: 'xapp-1-abc' }).mode).toBe('socket');
  });
});
