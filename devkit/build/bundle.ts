import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { REPO_ROOT } from '../spawn-tsx.js';
import { readPackageJson } from './package-json.js';

/**
 * Dependencies compiled into the bundle: pure ES modules that load on every start (zod alone is dozens
 * of files). Every other dependency stays an `import` of `node_modules`: Bolt and pino are CommonJS with
 * their own file lookups, and got and the Redis client load only when first used.
 */
export const BUNDLED_PACKAGES: readonly string[] = ['zod', '@date-fns/tz'];

/** The bot's entries, as `npm start` and `node dist/doctor/cli.js` run them after a build. */
export const BOT_ENTRIES: readonly string[] = ['src/index.ts', 'src/doctor/cli.ts'];

/** What to bundle and where. */
export interface BundleOptions {
  /** Entry files, relative to the repository root. */
  entries: readonly string[];
  outDir: string;
  /** The folder the output mirrors: `src` puts `src/index.ts` at `<outDir>/index.js`. */
  outBase: string;
}

/** The dependencies left to Node's own loading: every one in package.json except BUNDLED_PACKAGES. */
export function externalPackages(): string[] {
  return Object.keys(readPackageJson().dependencies ?? {}).filter((name) => !BUNDLED_PACKAGES.includes(name));
}

/**
 * Compiles `entries` and every module of the project they import into a few ES module files: one per
 * entry, one per lazily imported module (`import()` stays lazy), and chunks for what they share. Node
 * then resolves, reads and compiles a handful of files at start instead of ~150 (spawn → ready in
 * BENCHMARKS.md). Names are kept and a source map is written beside each file, so a stack trace reads
 * as functions of `src/`, and `NODE_OPTIONS=--enable-source-maps` maps it to the TypeScript lines.
 * Types are not checked here: `npm run build` runs `tsc --noEmit` first.
 */
export async function bundle(options: BundleOptions): Promise<void> {
  rmSync(options.outDir, { recursive: true, force: true });
  await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: [...options.entries],
    outdir: options.outDir,
    outbase: options.outBase,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.12',
    external: externalPackages(),
    sourcemap: true,
    // The maps point at src/, which a deployment keeps; without the sources copied in they stay small.
    sourcesContent: false,
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  });
}

/** Builds the bot into `outDir` as `npm run build` does into `dist/`: `index.js`, `doctor/cli.js`, `chunks/`. */
export function buildBot(outDir: string): Promise<void> {
  return bundle({ entries: BOT_ENTRIES, outDir, outBase: 'src' });
}
