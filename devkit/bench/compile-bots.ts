import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildBot, bundle } from '../build/bundle.js';
import { REPO_ROOT } from '../spawn-tsx.js';

// Inside node_modules so that the bundles find the project's packages by the usual lookup; the
// package.json beside them makes them ES modules, since Node does not look for one above node_modules.
const OUT_DIR = join(REPO_ROOT, 'node_modules/.cache/trunkbot-bench/out');

/**
 * Builds trunkbot into `<out>/src/` exactly as `npm run build` builds `dist/` (devkit/build/bundle.ts), and
 * the floor and the bench probe (repository-relative entries) the same way into `<out>/devkit/bench/`, so
 * that both bots are measured as they would be deployed rather than through tsx's on-the-fly transform.
 * Returns the directory to pass as `compiledRoot`.
 */
export async function compileBots(others: { floor: string; probe: string }): Promise<string> {
  rmSync(OUT_DIR, { recursive: true, force: true });
  try {
    await buildBot(join(OUT_DIR, 'src'));
    await bundle({
      entries: [others.floor, others.probe],
      outDir: join(OUT_DIR, 'devkit/bench'),
      outBase: 'devkit/bench',
    });
  } catch (err) {
    throw new Error(`could not build the bots: ${(err as Error).message.slice(0, 4_000)}`);
  }
  writeFileSync(join(OUT_DIR, 'package.json'), '{ "type": "module" }\n');
  return OUT_DIR;
}
