import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

// Slack tokens look like xoxb-…/xapp-…; scrub them even when they were never configured here.
const TOKEN_PATTERN = /\b(?:xox[abposer]|xapp)-[A-Za-z0-9-]+/g;
// Keys whose string values are secrets wherever they appear: SIP passwords, the vendor signature,
// credentials. Matched in the serialized line, so depth and nesting cannot hide them.
const SECRET_KEY = /(\\*)"(sipPassword|sign|authorization|apiSecret|signingSecret|botToken|appToken|token|password|secret)\1"\s*:\s*/gi;

/**
 * Blanks the string value of every secret key in serialized JSON, also inside JSON that was itself
 * logged as a string (where its quotes carry n backslashes, and quotes inside the value carry more).
 */
function scrubSecretKeys(text: string): string {
  let out = '';
  let from = 0;
  for (const m of text.matchAll(SECRET_KEY)) {
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

/** Replaces every known secret value, the values of secret keys and anything shaped like a Slack token with `[REDACTED]`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = scrubSecretKeys(text.replace(TOKEN_PATTERN, '[REDACTED]'));
  for (const secret of secrets) {
    if (secret.length > 0 && out.includes(secret)) out = out.split(secret).join('[REDACTED]');
  }
  return out;
}

/** The fields a log line carries for an error: its message and code, never its stack or payload. */
export function errorFields(err: unknown): { error: { message: string; code?: unknown } } {
  const code = (err as { code?: unknown } | null)?.code;
  return { error: { message: err instanceof Error ? err.message : String(err), ...(code !== undefined && { code }) } };
}

/** Slack's own error code from a failed Web API call or respond(), when there is one. */
export function slackErrorCode(err: unknown): string | undefined {
  const code = (err as { data?: { error?: unknown } } | null)?.data?.error;
  return typeof code === 'string' ? code : undefined;
}

export interface LoggerOptions {
  level: string;
  /** Literal secret values that must never appear in a log line. */
  secrets?: readonly string[];
  destination?: DestinationStream;
}

/** JSON logger whose every line, at every level, is scrubbed of secret keys' values, known secrets and token shapes. */
export function createLogger({ level, secrets = [], destination = pino.destination({ dest: 1, sync: true }) }: LoggerOptions): Logger {
  const scrubbed: DestinationStream = {
    write: (line: string) => destination.write(scrubSecrets(line, secrets)),
  };
  return pino(
    {
      level,
      base: { app: 'trunkbot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    scrubbed,
  );
}
