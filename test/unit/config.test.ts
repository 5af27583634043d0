import { ConfigError, loadConfig, secretsOf } from '../../src/config.js';

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
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token/);
    expect(problems.join('\n')).toMatch(/ITNIO_API_KEY is not set: .*ITNIO console/);
    expect(problems.join('\n')).toMatch(/ITNIO_API_SECRET is not set/);
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
});
