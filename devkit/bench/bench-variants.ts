/** What the comparison sets so that trunkbot's work per request is measured: no refusals, no shedding, no cache hits. */
export const NO_GUARDS: Readonly<Record<string, string>> = {
  RATE_LIMIT_PER_USER: '0',
  ITNIO_MAX_CONCURRENCY: '64',
  ITNIO_MAX_QUEUE: '1000',
  CACHE_TTL_SECONDS: '0',
};

/**
 * One ITNIO call per request, as the floor makes: the bench's 1,200 trunks are more than trunkbot may
 * hold in a snapshot, so it answers name and direction queries with ITNIO's own filters, one page per
 * call (its path for estates over INVENTORY_MAX_TRUNKS). The "too many" finding is kept for a day, so
 * the one call that learns it (page 1 of 100, in the warm-up) is the only extra call of the run.
 */
export const PER_CALL: Readonly<Record<string, string>> = {
  ...NO_GUARDS,
  INVENTORY_MAX_TRUNKS: '100',
  INVENTORY_TTL_SECONDS: '86400',
};

/** Which comparison a variant is. */
export type VariantKey = 'per-call' | 'as-configured' | 'merged';

/** trunkbot's configuration and the load for one comparison with the floor. */
export interface Variant {
  key: VariantKey;
  title: string;
  /** What the reader must know about it, one line each. */
  notes: string[];
  trunkbotEnv: Readonly<Record<string, string>>;
  /** Every request asks the same query (so identical queries in flight can share one ITNIO call). */
  sameQuery: boolean;
  /** Whether the targets are judged on it; the others are bonus figures. */
  judged: boolean;
  /** Skip concurrency 1: nothing can be merged with one request in flight. */
  skipSingleUser: boolean;
}

/** The variants in the order they run: the judged one first, then the bonus runs. */
export const VARIANTS: readonly Variant[] = [
  {
    key: 'per-call',
    title: 'one ITNIO call per request (targets judged here)',
    notes: [
      'trunkbot: page cache off, rate limit off, ITNIO concurrency 64 / queue 1,000, and INVENTORY_MAX_TRUNKS=100',
      "  below the sandbox's 1,200 trunks, so it answers from ITNIO's own filters: one signed call per request,",
      '  the same call the floor makes (checked below), then it renders a 10-trunk page. Queries are distinct.',
    ],
    trunkbotEnv: PER_CALL,
    sameQuery: false,
    judged: true,
    skipSingleUser: false,
  },
  {
    key: 'as-configured',
    title: 'bonus: trunkbot as configured, answering from its snapshot (cached)',
    notes: [
      'trunkbot with its defaults: the first query builds a snapshot of every trunk (12 calls of 100), later ones',
      '  are answered from it for INVENTORY_TTL_SECONDS (60 s) with no ITNIO call; the floor still calls per request.',
      "  Reply times are therefore not comparable (trunkbot skips the vendor's 50 ms); CPU and memory are.",
    ],
    trunkbotEnv: {},
    sameQuery: false,
    judged: false,
    skipSingleUser: false,
  },
  {
    key: 'merged',
    title: 'bonus: every request the same query (merged)',
    notes: [
      'trunkbot as in the judged run, but every command asks `outgoing acme` (every click its page 2): identical',
      '  queries in flight share one ITNIO call (single-flight); the floor calls per request. Concurrency 1 is',
      '  skipped: with one request in flight nothing can be shared.',
    ],
    trunkbotEnv: PER_CALL,
    sameQuery: true,
    judged: false,
    skipSingleUser: true,
  },
];
