import { z } from 'zod';

/** Validated runtime configuration; `loadConfig` is the only place that reads the environment. */
export interface Config {
  slack: {
    botToken: string;
    signingSecret?: string;
    appToken?: string;
    apiUrl?: string;
    /** BUTTON_SEAL_SECRET: keys the seal on button values when set; otherwise the bot token does. */
    buttonSealSecret?: string;
  };
  http: { port: number; host?: string };
  access: { channels: string[]; users: string[]; teams: string[]; contact: string };
  limits: { perUserPerMinute: number; itnioConcurrency: number; itnioQueue: number };
  /** How long a vendor page is reused; 0 disables the cache. */
  cacheTtlSeconds: number;
  /** The snapshot of every trunk that incident searches read. */
  inventory: { ttlSeconds: number; maxTrunks: number };
  /** Channel watches: how often the poller compares snapshots, and where state that must survive a restart lives. */
  watch: { intervalSeconds: number; confirmPolls: number; alertChannel?: string; dataDir: string };
  /** Daily digests: the zone of a digest whose creator's Slack time zone cannot be read. */
  digest: { timeZone: string };
  redisUrl?: string;
  /** Prefix for every Redis key, so several deployments can share one Redis. */
  redisPrefix: string;
  itnio: {
    apiUrl: string;
    apiKey: string;
    apiSecret: string;
    timeoutMs: number;
    timeZone: string;
  };
  logLevel: string;
}

/** Config with any section partly filled: what the valid variables give when others are not (for the doctor). */
export type PartialConfig = {
  [K in keyof Config]?: Config[K] extends string | number | unknown[] ? Config[K] : Partial<Config[K]>;
};

/** HTTP mode serves Slack's requests on a port; Socket Mode (SLACK_APP_TOKEN set) connects out to Slack. */
export type SlackMode = 'http' | 'socket';

/** A configuration problem an operator must fix; `problems` has one line per variable. */
export class ConfigError extends Error {
  readonly code = 'trunkbot_config_error';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${bulletList(problems)}`);
  }
}

/** Problems as an indented bullet list, one per line, for messages to an operator. */
export function bulletList(lines: readonly string[]): string {
  return lines.map((line) => `  - ${line}`).join('\n');
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// Values that stand for a secret in .env.example, READMEs and vendor docs: `your-…`, `xoxb-your-bot-token`,
// `<token>`, `changeme`, an ellipsis. Caught at start, they would otherwise pass until the first user's query.
const PLACEHOLDER =
  /^(?:xox[a-z]-|xapp-(?:\d-)?)?(?:your[-_ .]|<.*>$|x{3,}$|\.{3}|(?:change[-_]?me|replace[-_]?me|placeholder|todo|tbd|secret|token|example)$)|…/i;
// The test vector in ITNIO's own API documentation (key bDqJFiq9, secret 7bz1lzh9): copied, it can only fail.
const VENDOR_EXAMPLE_CREDENTIALS = new Set(['bDqJFiq9', '7bz1lzh9']);

/** Whether `value` is a stand-in for a secret (as in .env.example) rather than a real one. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return PLACEHOLDER.test(v) || VENDOR_EXAMPLE_CREDENTIALS.has(v);
}

// Where each secret comes from, for the messages that say how to fix it.
const HINTS = {
  SLACK_BOT_TOKEN: 'copy the Bot User OAuth Token (xoxb-…) from the Slack app’s OAuth & Permissions page',
  SLACK_SIGNING_SECRET: 'copy the Signing Secret from the Slack app’s Basic Information page',
  SLACK_APP_TOKEN:
    'copy an App-Level Token with the connections:write scope (Basic Information → App-Level Tokens), or leave it empty for HTTP mode',
  ITNIO_API_KEY: 'set it to the API key ("API authentication name") from the ITNIO console',
  ITNIO_API_SECRET: 'set it to the API secret from the ITNIO console',
  BUTTON_SEAL_SECRET: 'set it to a long random string (e.g. the output of `openssl rand -hex 32`), or leave it empty',
} as const;

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const required = (hint: string) =>
  z
    .string({ error: `is not set: ${hint}` })
    .transform((v) => v.trim())
    .refine((v) => v !== '', { message: `is empty: ${hint}`, abort: true });

// Aborts, so a placeholder is reported as one (rather than also as, say, a token of the wrong kind).
const notPlaceholder = (hint: string) =>
  [
    (v: string | undefined) => v === undefined || !isPlaceholder(v),
    { message: `is still a placeholder (like the values in .env.example): ${hint}`, abort: true },
  ] as const;

const url = (fallback?: string) =>
  optional
    .transform((v) => v ?? fallback)
    .refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), {
      message: 'must be an http(s) URL such as https://example.com',
    });

const integer = (fallback: number, min: number, max: number, hint: string) =>
  optional.transform((v, ctx) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max} (${hint}), got "${v}"` });
      return z.NEVER;
    }
    return n;
  });

const idList = (kind: string, example: string) =>
  optional.transform((v, ctx) => {
    const ids = (v ?? '').split(/[\s,]+/).filter(Boolean);
    const bad = ids.filter((id) => !/^[A-Z0-9]{2,}$/.test(id));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be comma-separated Slack ${kind} IDs such as ${example}, got "${bad[0]}"`,
      });
      return z.NEVER;
    }
    return ids;
  });

// Each variable is parsed on its own, so the valid ones are known even when others are not.
const envSchema = {
  SLACK_BOT_TOKEN: required(HINTS.SLACK_BOT_TOKEN)
    .refine(...notPlaceholder(HINTS.SLACK_BOT_TOKEN))
    .refine((v) => v.startsWith('xoxb-'), {
      message: 'must be a bot token starting with xoxb- (OAuth & Permissions → Bot User OAuth Token)',
    }),
  SLACK_SIGNING_SECRET: optional.refine(...notPlaceholder(HINTS.SLACK_SIGNING_SECRET)),
  SLACK_APP_TOKEN: optional
    .refine(...notPlaceholder(HINTS.SLACK_APP_TOKEN))
    .refine((v) => v === undefined || v.startsWith('xapp-'), {
      message:
        'must be an app-level token starting with xapp- (Basic Information → App-Level Tokens, scope connections:write)',
    }),
  SLACK_API_URL: url(),
  // Button values are sealed with a key derived from this, or from the bot token when it is empty.
  BUTTON_SEAL_SECRET: optional
    .refine(...notPlaceholder(HINTS.BUTTON_SEAL_SECRET))
    .refine((v) => v === undefined || v.length >= 16, {
      message: `must be at least 16 characters: ${HINTS.BUTTON_SEAL_SECRET}`,
    }),
  PORT: integer(3000, 0, 65535, 'the HTTP port to listen on'),
  HOST: optional,
  ITNIO_API_URL: url('https://api.itniotech.com'),
  ITNIO_API_KEY: required(HINTS.ITNIO_API_KEY).refine(...notPlaceholder(HINTS.ITNIO_API_KEY)),
  ITNIO_API_SECRET: required(HINTS.ITNIO_API_SECRET).refine(...notPlaceholder(HINTS.ITNIO_API_SECRET)),
  ITNIO_TIMEOUT_MS: integer(4000, 100, 60000, 'per-attempt timeout for ITNIO requests'),
  ITNIO_TIMEZONE: optional
    .transform((v) => v ?? 'UTC')
    .refine(isTimeZone, {
      message: 'must be an IANA time zone such as UTC or Asia/Shanghai (the zone ITNIO reports times in)',
    }),
  ALLOWED_CHANNEL_IDS: idList('channel', 'C0123ABCD'),
  ALLOWED_USER_IDS: idList('user', 'U0123ABCD'),
  // Installed per workspace (manifest.yml: org_deploy_enabled: false) and matched on the asker's own workspace,
  // so an Enterprise org ID (E…) would match nobody and refuse everyone.
  ALLOWED_TEAM_IDS: idList('workspace', 'T0123ABCD').refine((ids) => ids.every((id) => id.startsWith('T')), {
    error: (issue) =>
      `must be workspace IDs such as T0123ABCD, got "${(issue.input as string[]).find((id) => !id.startsWith('T'))}": trunkbot is installed per workspace, not org-wide, so list each workspace it may answer (Enterprise org IDs, E…, are not supported)`,
  }),
  // Shown unescaped in refusals so it can link a channel or person; nothing that could ping.
  ACCESS_CONTACT: optional
    .transform((v) => v ?? 'the trunkbot admins')
    .refine((v) => v.length <= 200 && !/<[!^]|<(?![#@][A-Z0-9]+(?:\|[^<>]*)?>)/.test(v), {
      message:
        'must be plain text, a <#CHANNEL_ID> or a <@USER_ID> (no <!here>, <!channel> or other links), at most 200 characters',
    }),
  RATE_LIMIT_PER_USER: integer(
    20,
    0,
    10_000,
    'requests per user per minute that ask ITNIO for new data; 0 turns the limit off',
  ),
  ITNIO_MAX_CONCURRENCY: integer(4, 1, 100, 'ITNIO requests in flight at once per instance'),
  ITNIO_MAX_QUEUE: integer(50, 0, 10_000, 'queries allowed to wait for an ITNIO slot'),
  CACHE_TTL_SECONDS: integer(20, 0, 3_600, 'seconds a vendor page is reused; 0 turns the cache off'),
  INVENTORY_TTL_SECONDS: integer(60, 5, 86_400, 'seconds the snapshot of every trunk is reused'),
  INVENTORY_MAX_TRUNKS: integer(20_000, 100, 200_000, 'the most trunks the bot collects into its snapshot'),
  WATCH_INTERVAL_SECONDS: integer(60, 1, 3_600, 'seconds between two polls of ITNIO for watched channels'),
  WATCH_CONFIRM_POLLS: integer(2, 1, 10, 'polls in a row that must agree before a gateway change is alerted'),
  ALERT_CHANNEL_ID: optional.refine((v) => v === undefined || /^[CG][A-Z0-9]{2,}$/.test(v), {
    message:
      'must be a channel ID such as C0123ABCD (channel details → About, at the bottom), not a #name: names change, IDs do not',
  }),
  DATA_DIR: optional.transform((v) => v ?? './data'),
  DIGEST_TIMEZONE: optional
    .transform((v) => v ?? 'UTC')
    .refine(isTimeZone, {
      message:
        'must be an IANA time zone such as UTC or Europe/London (used for a daily digest when the Slack user’s own zone cannot be read)',
    }),
  REDIS_URL: optional.refine((v) => v === undefined || /^rediss?:\/\/\S+$/.test(v), {
    message: 'must be a redis:// or rediss:// URL such as redis://localhost:6379',
  }),
  REDIS_PREFIX: optional.transform((v) => v ?? 'trunkbot:'),
  LOG_LEVEL: optional
    .transform((v) => (v ?? 'info').toLowerCase())
    .refine((v) => (LOG_LEVELS as readonly string[]).includes(v), {
      message: `must be one of ${LOG_LEVELS.join(', ')}`,
    }),
} satisfies Record<string, z.ZodType>;

type Env = { [K in keyof typeof envSchema]: z.output<(typeof envSchema)[K]> };

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every variable checked at once: what the valid ones configure, and one line per problem with its fix. */
export interface ConfigReading {
  config: PartialConfig;
  mode: SlackMode;
  problems: string[];
  /** The variables that have a problem: checks that need them cannot run. */
  invalid: Set<string>;
}

/** Reads and validates the environment without throwing; `loadConfig` is the strict form. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ConfigReading {
  const values: Partial<Env> = {};
  const problems: string[] = [];
  const invalid = new Set<string>();
  for (const [name, schema] of Object.entries(envSchema)) {
    const parsed = schema.safeParse(env[name]);
    if (parsed.success) {
      (values as Record<string, unknown>)[name] = parsed.data;
    } else {
      invalid.add(name);
      problems.push(...parsed.error.issues.map((i) => `${name} ${i.message}`));
    }
  }
  // Decided from the raw value: a malformed app token still means the operator meant Socket Mode.
  const mode: SlackMode = isBlank(env.SLACK_APP_TOKEN) ? 'http' : 'socket';
  if (mode === 'http' && isBlank(env.SLACK_SIGNING_SECRET)) {
    invalid.add('SLACK_SIGNING_SECRET');
    problems.push(
      'SLACK_SIGNING_SECRET is not set: HTTP mode needs the Signing Secret from the Slack app’s Basic Information page (or set SLACK_APP_TOKEN for Socket Mode)',
    );
  }
  return { config: toConfig(values), mode, problems, invalid };
}

/** Reads and validates the environment; throws `ConfigError` listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const { config, problems } = readConfig(env);
  if (problems.length > 0) throw new ConfigError(problems);
  // With no problem every required variable parsed, so every field is there.
  return config as Config;
}

function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

function toConfig(e: Partial<Env>): PartialConfig {
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      ...(e.SLACK_SIGNING_SECRET !== undefined && { signingSecret: e.SLACK_SIGNING_SECRET }),
      ...(e.SLACK_APP_TOKEN !== undefined && { appToken: e.SLACK_APP_TOKEN }),
      ...(e.SLACK_API_URL !== undefined && { apiUrl: withTrailingSlash(e.SLACK_API_URL) }),
      ...(e.BUTTON_SEAL_SECRET !== undefined && { buttonSealSecret: e.BUTTON_SEAL_SECRET }),
    },
    http: { port: e.PORT, ...(e.HOST !== undefined && { host: e.HOST }) },
    access: {
      channels: e.ALLOWED_CHANNEL_IDS,
      users: e.ALLOWED_USER_IDS,
      teams: e.ALLOWED_TEAM_IDS,
      contact: e.ACCESS_CONTACT,
    },
    limits: {
      perUserPerMinute: e.RATE_LIMIT_PER_USER,
      itnioConcurrency: e.ITNIO_MAX_CONCURRENCY,
      itnioQueue: e.ITNIO_MAX_QUEUE,
    },
    cacheTtlSeconds: e.CACHE_TTL_SECONDS,
    inventory: { ttlSeconds: e.INVENTORY_TTL_SECONDS, maxTrunks: e.INVENTORY_MAX_TRUNKS },
    watch: {
      intervalSeconds: e.WATCH_INTERVAL_SECONDS,
      confirmPolls: e.WATCH_CONFIRM_POLLS,
      ...(e.ALERT_CHANNEL_ID !== undefined && { alertChannel: e.ALERT_CHANNEL_ID }),
      dataDir: e.DATA_DIR,
    },
    digest: { timeZone: e.DIGEST_TIMEZONE },
    ...(e.REDIS_URL !== undefined && { redisUrl: e.REDIS_URL }),
    redisPrefix: e.REDIS_PREFIX,
    itnio: {
      apiUrl: e.ITNIO_API_URL?.replace(/\/+$/, ''),
      apiKey: e.ITNIO_API_KEY,
      apiSecret: e.ITNIO_API_SECRET,
      timeoutMs: e.ITNIO_TIMEOUT_MS,
      timeZone: e.ITNIO_TIMEZONE,
    },
    logLevel: e.LOG_LEVEL,
  };
}

function withTrailingSlash(u: string): string {
  return u.endsWith('/') ? u : `${u}/`;
}

/**
 * The secret button values are sealed with: BUTTON_SEAL_SECRET, else the bot token, which every mode has
 * and auth.test proves real (the signing secret is absent in Socket Mode).
 */
export function buttonSealSecretOf(config: Pick<Config, 'slack'>): string {
  return config.slack.buttonSealSecret ?? config.slack.botToken;
}

/** Every configured secret value, so logs can scrub them wherever they appear. */
export function secretsOf(config: Config): string[] {
  const redisPassword = config.redisUrl ? decodeURIComponent(new URL(config.redisUrl).password) : undefined;
  return [
    config.slack.botToken,
    config.slack.signingSecret,
    config.slack.appToken,
    config.slack.buttonSealSecret,
    config.itnio.apiSecret,
    redisPassword,
  ].filter((s): s is string => typeof s === 'string' && s.length >= 4);
}
