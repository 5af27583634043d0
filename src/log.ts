import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

// Key paths that hold secrets in objects we might log (vendor records, request headers, config).
const REDACT_PATHS = [
  'sipPassword',
  '*.sipPassword',
  '*.*.sipPassword',
  '*.*[*].sipPassword',
  'records[*].sipPassword',
  'headers.sign',
  'headers.Sign',
  'headers.authorization',
  'headers.Authorization',
  '*.headers.sign',
  '*.headers.Sign',
  '*.headers.authorization',
  'apiSecret',
  '*.apiSecret',
  'signingSecret',
  '*.signingSecret',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'token',
  '*.token',
];

// Slack tokens look like xoxb-…/xapp-…; scrub them even when they were never configured here.
const TOKEN_PATTERN = /\b(?:xox[abposer]|xapp)-[A-Za-z0-9-]+/g;
const SIP_PASSWORD_KEY = /(\\*)"sipPassword\1"\s*:\s*/g;

/**
 * Blanks the value of every `"sipPassword"` key in serialized JSON, also inside JSON that was itself
 * logged as a string (where its quotes carry n backslashes, and quotes inside the value carry more).
 */
function scrubSipPasswords(text: string): string {
  let out = '';
  let from = 0;
  for (const m of text.matchAll(SIP_PASSWORD_KEY)) {
    const slashes = m[1] ?? '';
    const valueAt = m.index + m[0].length;
    if (valueAt < from || !text.startsWith(`${slashes}"`, valueAt)) continue;
    let end = valueAt + slashes.length + 1;
    for (;;) {
      const quote = text.indexOf('"', end);
      if (quote < 0) {
        end = text.length;
        break;
      }
      let run = 0;
      while (text[quote - 1 - run] === '\\') run += 1;
      end = quote + 1;
      if (run <= slashes.length) break;
    }
    out += `${text.slice(from, valueAt)}${slashes}"[REDACTED]${slashes}"`;
    from = end;
  }
  return out + text.slice(from);
}

/** Replaces every known secret, SIP passwords and anything shaped like a Slack token with `[REDACTED]`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = scrubSipPasswords(text.replace(TOKEN_PATTERN, '[REDACTED]'));
  for (const secret of secrets) {
    if (secret.length > 0 && out.includes(secret)) out = out.split(secret).join('[REDACTED]');
  }
  return out;
}

export interface LoggerOptions {
  level: string;
  /** Literal secret values that must never appear in a log line. */
  secrets?: readonly string[];
  destination?: DestinationStream;
}

/** JSON logger whose every line, at every level, is redacted by key and scrubbed of secret values. */
export function createLogger({ level, secrets = [], destination = pino.destination({ dest: 1, sync: true }) }: LoggerOptions): Logger {
  const scrubbed: DestinationStream = {
    write: (line: string) => destination.write(scrubSecrets(line, secrets)),
  };
  return pino(
    {
      level,
      base: { app: 'trunkbot' },
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    scrubbed,
  );
}
