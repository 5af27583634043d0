import { startItnioSandbox, type ItnioSandbox } from '../sandbox/itnio-server.js';
import { seedTrunks, type RawTrunk } from '../sandbox/seed-trunks.js';
import { startSlackStandIn, type SlackStandIn } from '../sandbox/slack-stand-in.js';

/** Copies of the 120 seeded trunks: 1,200 trunks are 120 pages of 10 (60 outgoing, 60 incoming). */
const SEED_COPIES = 10;

/** The fake vendor and fake Slack both bots talk to, with a count of vendor calls. */
export interface BenchWorld {
  sandbox: ItnioSandbox;
  slack: SlackStandIn;
  /**
   * Vendor calls answered so far, how many of them were not a success (status 0), and — while `bodies` is
   * set — each call's request body as JSON, so two runs can be shown to have asked ITNIO the same things.
   */
  vendor: { calls: number; failures: number; bodies?: string[] };
  /** Drops what the fakes recorded, so a long run does not grow the bench process's heap. */
  forget(): void;
  close(): Promise<void>;
}

/**
 * The seeded trunks repeated, so that hundreds of distinct queries (every full page of every name word
 * and direction, see per-call-queries.ts) each return a full page: trunkbot folds identical queries in
 * flight into one ITNIO call, the floor does not, and the comparison is only fair if none repeat.
 */
function benchTrunks(): RawTrunk[] {
  const seed = seedTrunks();
  return Array.from({ length: SEED_COPIES }, (_, copy) =>
    seed.map((t) => ({ ...t, keyId: t.keyId + copy * seed.length })),
  ).flat();
}

/**
 * Starts the sandbox ITNIO API with `latencyMs` added to every answer, and the Slack stand-in. The
 * sandbox serves `trunks`: by default the 1,200 of the comparison and `--burst`.
 */
export async function startBenchWorld(latencyMs: number, trunks: RawTrunk[] = benchTrunks()): Promise<BenchWorld> {
  const vendor: BenchWorld['vendor'] = { calls: 0, failures: 0 };
  const sandbox = await startItnioSandbox({
    latencyMs,
    trunks,
    onRequest: (r) => {
      vendor.calls += 1;
      vendor.bodies?.push(JSON.stringify(r.body));
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
