import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

const REDACTED = '[REDACTED]';
// SIP passwords, the vendor signature, credentials: their values are secrets wherever they appear.
const SECRET_KEY_NAMES =
  'sipPassword|sign|authorization|apiSecret|signingSecret|botToken|appToken|token|password|secret';
const SECRET_KEY = new RegExp(`^(?:${SECRET_KEY_NAMES})$`, 'i');
// A secret key in JSON that sits in text: at nesting depth n its quotes carry 2^n - 1 backslashes.
const SECRET_KEY_IN_TEXT = new RegExp(`(\\\\*)"(?:${SECRET_KEY_NAMES})\\1"\\s*:\\s*\\1"`, 'gi');
// Slack tokens look like xoxb-…/xapp-…; scrub them even when they were never configured here. No \b: in
// JSON nested in text an escape such as \n can sit right before one.
const TOKEN = /(?:xox[abposer]|xapp)-[A-Za-z0-9-]+/g;
// Most lines hold none of these and are written as pino made them; only the rest are parsed and rebuilt.
const SUSPECT = new RegExp(`"(?:${SECRET_KEY_NAMES})\\\\*"|xox[abposer]-|xapp-`, 'i');
// Characters JSON escapes; a secret's longest run without them reads the same at every escaping depth.
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;
// Depths of JSON-in-text (a body quoted in a message quoted in a body…) at which literal secrets are found.
const LITERAL_DEPTHS = 4;

interface KnownSecrets {
  /** Each secret as it reads at every escaping depth, longest first. */
  forms: string[];
  /** A piece of each secret that survives escaping unchanged, to spot it cheaply. */
  marks: string[];
}

function knownSecrets(secrets: readonly string[]): KnownSecrets {
  const forms = new Set<string>();
  const marks = new Set<string>();
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    let form = secret;
    for (let depth = 0; depth <= LITERAL_DEPTHS; depth += 1) {
      forms.add(form);
      form = JSON.stringify(form).slice(1, -1);
    }
    marks.add(secret.split(ESCAPED).reduce((a, b) => (b.length > a.length ? b : a)));
  }
  return { forms: [...forms].sort((a, b) => b.length - a.length), marks: [...marks] };
}

function suspect(text: string, known: KnownSecrets): boolean {
  return SUSPECT.test(text) || known.marks.some((mark) => text.includes(mark));
}

/** Backslashes right before `at`, not looking back past `floor`. */
function backslashesBefore(text: string, at: number, floor: number): number {
  let run = 0;
  while (at - run - 1 >= floor && text[at - run - 1] === '\\') run += 1;
  return run;
}

/** The depth a quote preceded by `run` backslashes opens or closes: the number of trailing one bits. */
function quoteDepth(run: number): number {
  let depth = 0;
  for (let rest = run; rest % 2 === 1; rest = (rest - 1) / 2) depth += 1;
  return depth;
}

/**
 * Blanks the string value of every secret key in JSON embedded in text, at any depth. A quote closes the
 * value when it sits at the key's depth; a quote of a shallower depth means the JSON was cut short (a
 * truncated body), so the value is blanked up to there.
 */
function blankSecretKeysInText(text: string): string {
  let out = '';
  let from = 0;
  for (const m of text.matchAll(SECRET_KEY_IN_TEXT)) {
    if (m.index < from) continue;
    const slashes = m[1] ?? '';
    const depth = quoteDepth(slashes.length);
    const valueAt = m.index + m[0].length;
    let end = text.length;
    let close = '';
    for (let quote = text.indexOf('"', valueAt); quote >= 0; quote = text.indexOf('"', quote + 1)) {
      const run = backslashesBefore(text, quote, valueAt);
      const at = quoteDepth(run);
      if (at > depth) continue;
      if (at === depth) {
        end = quote + 1;
        close = `${slashes}"`;
      } else {
        end = quote - (2 ** at - 1);
      }
      break;
    }
    out += `${text.slice(from, valueAt)}${REDACTED}${close}`;
    from = end;
  }
  return out + text.slice(from);
}

function scrubText(text: string, known: KnownSecrets): string {
  // Keys first: replacing a literal secret could shift the escaping a value's end is read from. Literal
  // secrets before token shapes: a token glued to a secret would otherwise take its head and leave its tail.
  let out = blankSecretKeysInText(text);
  for (const form of known.forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out.replace(TOKEN, REDACTED);
}

/** Scrubs parsed JSON in place: its objects and arrays are fresh from JSON.parse and nobody else holds them. */
function scrubValue(value: unknown, known: KnownSecrets): unknown {
  if (typeof value === 'string') return scrubString(value, known);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const cleanKey = scrubString(key, known);
    if (cleanKey !== key) delete record[key];
    record[cleanKey] = SECRET_KEY.test(key) && item !== null ? REDACTED : scrubValue(item, known);
  }
  return record;
}

/** Parses text that is a JSON object or array (a vendor body logged as text); anything else is undefined. */
function parseJson(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function scrubString(text: string, known: KnownSecrets): string {
  if (!suspect(text, known)) return text;
  const json = parseJson(text);
  return json === undefined ? scrubText(text, known) : JSON.stringify(scrubValue(json, known));
}

/**
 * Replaces the values of secret keys, every known secret value and anything shaped like a Slack token with
 * `[REDACTED]`, at any depth: JSON text is parsed and rebuilt (so it stays valid JSON), JSON inside strings too.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  return scrubString(text, knownSecrets(secrets));
}

/**
 * The fields a log line carries for an error. An expected error carries a string `code` (ITNIO, the Slack
 * Web API, Node system errors) and stays compact as `error: { message, code }`; anything else is a bug and
 * goes under `err`, which pino writes with its type, stack and cause.
 */
export function errorFields(
  err: unknown,
): { error: { message: string; code: string; slackError?: string } } | { err: unknown } {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code !== 'string') return { err };
  const slackError = slackErrorCode(err);
  return {
    error: {
      message: typeof message === 'string' ? message : String(err),
      code,
      ...(slackError !== undefined && { slackError }),
    },
  };
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
export function createLogger({
  level,
  secrets = [],
  destination = pino.destination({ dest: 1, sync: true }),
}: LoggerOptions): Logger {
  const known = knownSecrets(secrets);
  const scrubbed: DestinationStream = {
    // Scrubbing the finished line reaches what pino wrote from every source: bindings, message, err stacks.
    write: (line: string) =>
      destination.write(suspect(line, known) ? `${JSON.stringify(scrubValue(JSON.parse(line), known))}\n` : line),
  };
  return pino(
    {
      level,
      base: { app: 'trunkbot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.err },
    },
    scrubbed,
  );
}
