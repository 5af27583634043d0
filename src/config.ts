import { type Env, envSchema, isPlaceholder, isTimeZone } from './config-fields.js';

export { isPlaceholder, isTimeZone };

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

/** How a loaded configuration talks to Slack: Socket Mode when it has an app token, else HTTP. */
export function slackModeOf(config: Pick<Config, 'slack'>): SlackMode {
  return config.slack.appToken === undefined ? 'http' : 'socket';
}

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
