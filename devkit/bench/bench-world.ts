import { startItnioSandbox, type ItnioSandbox } from '../sandbox/itnio-server.js';
import { seedTrunks, type RawTrunk } from '../sandbox/seed-trunks.js';
import { startSlackStandIn, type SlackStandIn } from '../sandbox/slack-stand-in.js';

/** Copies of the 120 seeded trunks: 1,200 trunks are 120 pages of 10 (60 outgoing, 60 incoming). */
const SEED_COPIES = 10;
const PAGE_SIZE = 10;

/** The fake vendor and fake Slack both bots talk to, with a count of vendor calls. */
export interface BenchWorld {
  sandbox: ItnioSandbox;
  slack: SlackStandIn;
  /** Vendor calls answered so far, and how many of them were not a success (status 0). */
  vendor: { calls: number; failures: number };
  /** `/trunks` texts that are all different queries to ITNIO, each answered with a full page. */
  queries: string[];
  /** Drops what the fakes recorded, so a long run does not grow the bench process's heap. */
  forget(): void;
  close(): Promise<void>;
}

/**
 * The seeded trunks repeated, so that 240 distinct queries (every page of all / outgoing / incoming)
 * each return a full page: trunkbot folds identical queries in flight into one ITNIO call, the bare
 * app does not, and the comparison is only fair if no two requests in flight ask the same thing.
 */
function benchTrunks(): RawTrunk[] {
  const seed = seedTrunks();
  return Array.from({ length: SEED_COPIES }, (_, copy) =>
    seed.map((t) => ({ ...t, keyId: t.keyId + copy * seed.length })),
  ).flat();
}

/** Every page of every direction, interleaved: `page:1`, `outgoing page:1`, `incoming page:1`, `page:2`, … */
function distinctQueries(trunks: RawTrunk[]): string[] {
  const pages = (n: number) => Math.ceil(n / PAGE_SIZE);
  const all = pages(trunks.length);
  const out = pages(trunks.filter((t) => t.type === 1).length);
  const inc = pages(trunks.filter((t) => t.type === 2).length);
  const queries: string[] = [];
  for (let p = 1; p <= all; p++) {
    queries.push(`page:${p}`);
    if (p <= out) queries.push(`outgoing page:${p}`);
    if (p <= inc) queries.push(`incoming page:${p}`);
  }
  return queries;
}

/**
 * Starts the sandbox ITNIO API with `latencyMs` added to every answer, and the Slack stand-in. The
 * sandbox serves `trunks`: by default the 1,200 of the comparison and `--burst`.
 */
export async function startBenchWorld(latencyMs: number, trunks: RawTrunk[] = benchTrunks()): Promise<BenchWorld> {
  const vendor = { calls: 0, failures: 0 };
  const sandbox = await startItnioSandbox({
    latencyMs,
    trunks,
    onRequest: (r) => {
      vendor.calls += 1;
      if (r.httpStatus !== 200 || r.vendorStatus !== 0) vendor.failures += 1;
    },
  });
  const slack = await startSlackStandIn().catch(async (err: unknown) => {
    await sandbox.close();
    throw err;
  });
  return {
    sandbox,
    slack,
    vendor,
    queries: distinctQueries(trunks),
    forget() {
      sandbox.requests.length = 0;
      slack.responses.length = 0;
      slack.calls.length = 0;
    },
    close: async () => {
      await Promise.all([sandbox.close(), slack.close()]);
    },
  };
}
