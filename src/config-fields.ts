import * as z from 'zod';

/**
 * One parser per environment variable, each with the fix an operator needs in its message. Every
 * variable is parsed on its own so that `readConfig` reports them all in one run.
 */
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
export const envSchema = {
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

export type Env = { [K in keyof typeof envSchema]: z.output<(typeof envSchema)[K]> };

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  // The default needs no look-up: the first Intl formatter loads the zone data (~15 ms of start-up).
  if (zone === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
