import fc from 'fast-check';
import { createLogger, errorFields, scrubSecrets } from '../../src/log.js';
import { RUN, hostileText } from './arbitraries.js';

// Every secret below carries this tag at its start, middle and near its end, so any piece that survives shows up.
const TAG = 'Qx7🔑';
const SECRET_KEYS = [
  'sipPassword',
  'sign',
  'authorization',
  'apiSecret',
  'signingSecret',
  'botToken',
  'appToken',
  'token',
  'password',
  'secret',
];
const PLAIN_KEYS = [
  'id',
  'name',
  'body',
  'text',
  'data',
  'records',
  'api-key',
  'tokenCount',
  'signature',
  'passwordHint',
  '__proto__',
];
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
const TOKEN_SHAPE = /(?:xox[abposer]|xapp)-[A-Za-z0-9]/;

/** A secret full of backslashes, quotes and odd code points, tagged so that no part of it can slip through unseen. */
function taggedSecret(name: string): fc.Arbitrary<string> {
  return fc
    .tuple(hostileText(12), hostileText(12), hostileText(6))
    .map(([a, b, c]) => `${TAG}${name}a${a}${TAG}${name}b${b}${TAG}${name}c${c}`);
}

const slackToken = fc
  .tuple(fc.constantFrom('xoxb', 'xoxp', 'xoxa', 'xoxe', 'xapp'), fc.stringMatching(/^[0-9]{1,12}-[A-Za-z0-9]{1,24}$/))
  .map(([prefix, rest]) => `${prefix}-${rest}`);

const secretKey = fc.constantFrom(...SECRET_KEYS).chain((k) => fc.constantFrom(k, k.toLowerCase(), k.toUpperCase()));
const plainKey = fc.oneof(fc.constantFrom(...PLAIN_KEYS), fc.string({ maxLength: 8 }));

interface Shapes {
  text: fc.Arbitrary<string>;
  record: fc.Arbitrary<Record<string, unknown>>;
}

/**
 * Text and objects that may hide secrets: under secret keys, as configured values or Slack tokens in text,
 * and in JSON logged as a string (pure, pretty-printed or inside a sentence) up to `levels` strings deep.
 */
function shapes(literals: readonly string[], levels: number, withSecrets: boolean): Shapes {
  const pieces = withSecrets
    ? [hostileText(20), slackToken, ...(literals.length > 0 ? [fc.constantFrom(...literals)] : [])]
    : [hostileText(20)];
  const flat = fc.array(fc.oneof(...pieces), { maxLength: 4 }).map((parts) => parts.join(''));
  const inner = levels > 0 ? shapes(literals, levels - 1, withSecrets) : undefined;
  const text = inner
    ? fc.oneof(
        flat,
        fc
          .tuple(inner.record, fc.constantFrom('pure', 'pretty', 'sentence'), hostileText(10), hostileText(10))
          .map(([record, how, before, after]) =>
            how === 'pure'
              ? JSON.stringify(record)
              : how === 'pretty'
                ? JSON.stringify(record, null, 2)
                : `${before}${JSON.stringify(record)}${after}`,
          ),
        inner.text.map((t) => JSON.stringify(t)),
      )
    : flat;
  const { record } = fc.letrec<{ value: unknown; record: Record<string, unknown> }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth: 3 },
      text,
      fc.integer(),
      fc.constant(null),
      tie('record'),
      fc.array(tie('value'), { maxLength: 3 }),
    ),
    record: fc
      .array(
        withSecrets
          ? fc.oneof(
              fc.tuple(plainKey, tie('value')),
              fc.tuple(secretKey, fc.oneof(taggedSecret('K'), fc.constant(null))),
            )
          : fc.tuple(plainKey, tie('value')),
        { maxLength: 5 },
      )
      .map((entries) => Object.fromEntries(entries)),
  }));
  return { text, record };
}

/** JSON with string secrets under secret keys, each paired with what it must become: the same with those values blanked. */
const blankable = fc.letrec<{ pair: [unknown, unknown]; record: [Record<string, unknown>, Record<string, unknown>] }>(
  (tie) => ({
    pair: fc.oneof(
      { depthSize: 'small', maxDepth: 3 },
      hostileText(20).map((t): [unknown, unknown] => [t, t]),
      fc.constant<[unknown, unknown]>([null, null]),
      tie('record'),
      fc
        .array(tie('pair'), { maxLength: 3 })
        .map((pairs): [unknown, unknown] => [pairs.map(([a]) => a), pairs.map(([, b]) => b)]),
    ),
    record: fc
      .array(
        fc.oneof(
          fc.tuple(plainKey, tie('pair')),
          fc.tuple(
            secretKey,
            taggedSecret('K').map((v): [unknown, unknown] => [v, '[REDACTED]']),
          ),
          fc.tuple(secretKey, fc.constant<[unknown, unknown]>([null, null])),
        ),
        { maxLength: 5 },
      )
      .map((entries): [Record<string, unknown>, Record<string, unknown>] => [
        Object.fromEntries(entries.map(([k, [a]]) => [k, a])),
        Object.fromEntries(entries.map(([k, [, b]]) => [k, b])),
      ]),
  }),
).record;

/** Quotes JSON inside a sentence, that sentence in JSON inside another sentence, and so on. */
function quoteInText(record: Record<string, unknown>, befores: string[]): string {
  return befores.reduce<unknown>(
    (inner, before) => `said ${before}${JSON.stringify({ body: inner })}`,
    record,
  ) as string;
}

/** Logs one line per call into memory, with the given configured secrets. */
function memoryLogger(secrets: string[]) {
  const lines: string[] = [];
  const log = createLogger({ level: 'trace', secrets, destination: { write: (line: string) => lines.push(line) } });
  return { log, lines };
}

// Configured secrets come from the environment, which cannot carry lone surrogates; one glued to its
// neighbour's surrogate would form a character the secret never contained.
const literalSecrets = fc
  .integer({ min: 0, max: 3 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => taggedSecret(`L${i}`).map((s) => s.toWellFormed()))));

const secretCase = literalSecrets.chain((literals) => {
  const { text, record } = shapes(literals, 3, true);
  return fc.record({
    literals: fc.constant(literals),
    level: fc.constantFrom(...LEVELS),
    bindings: record,
    fields: record,
    msg: text,
    thrown: fc.option(text, { nil: undefined }),
  });
});

describe('log lines (property)', () => {
  test('every line parses as JSON and no secret key value, configured secret or Slack token survives', () => {
    fc.assert(
      fc.property(secretCase, ({ literals, level, bindings, fields, msg, thrown }) => {
        const { log, lines } = memoryLogger(literals);
        const child = log.child(bindings);
        child[level]({ ...fields, ...(thrown !== undefined && errorFields(new TypeError(thrown))) }, msg);
        log[level](fields);
        expect(lines).toHaveLength(2);
        for (const line of lines) {
          expect(() => JSON.parse(line)).not.toThrow();
          expect(line).not.toContain(TAG);
          expect(line).not.toMatch(TOKEN_SHAPE);
        }
      }),
      { ...RUN, numRuns: 300 },
    );
  });

  test('in JSON quoted inside text, at any quoting depth, exactly the secret values are blanked', () => {
    fc.assert(
      fc.property(
        blankable,
        fc.array(hostileText(10), { minLength: 1, maxLength: 3 }),
        ([record, blanked], befores) => {
          expect(scrubSecrets(quoteInText(record, befores), [])).toBe(quoteInText(blanked, befores));
        },
      ),
      { ...RUN, numRuns: 300 },
    );
  });

  test('a line without secrets keeps every value as logged', () => {
    const { text, record } = shapes([], 3, false);
    fc.assert(
      fc.property(record, text, (fields, msg) => {
        const { log, lines } = memoryLogger(['never-logged-secret']);
        log.info({ fields }, msg);
        expect(JSON.parse(lines[0] ?? '')).toMatchObject({ fields: JSON.parse(JSON.stringify(fields)), msg });
      }),
      RUN,
    );
  });
});
