import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../spawn-tsx.js';

const run = promisify(execFile);

// Inside node_modules so that the compiled files find the project's packages by the usual lookup; the
// package.json beside them makes them ES modules, since Node does not look for one above node_modules.
const BUILD_DIR = join(REPO_ROOT, 'node_modules/.cache/trunkbot-bench');

/**
 * Compiles `entries` (repository-relative `.ts` files) and everything they import to JavaScript with the
 * project's own compiler settings, as `npm run build` compiles `src/` for `npm start`, so that the bots
 * are measured as they are deployed rather than through tsx's on-the-fly transform. Returns the
 * directory to pass as `compiledRoot`; recompiling is incremental.
 */
export async function compileBots(entries: readonly string[]): Promise<string> {
  const outDir = join(BUILD_DIR, 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'package.json'), '{ "type": "module" }\n');
  const tsconfig = join(BUILD_DIR, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    `${JSON.stringify(
      {
        extends: join(REPO_ROOT, 'tsconfig.json'),
        compilerOptions: {
          rootDir: REPO_ROOT,
          outDir,
          sourceMap: false,
          types: ['node'],
          incremental: true,
          tsBuildInfoFile: join(BUILD_DIR, 'tsbuildinfo'),
        },
        include: [],
        files: entries.map((entry) => join(REPO_ROOT, entry)),
      },
      null,
      2,
    )}\n`,
  );
  const tsc = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
  try {
    await run(process.execPath, [tsc, '-p', tsconfig], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string };
    throw new Error(`could not compile the bots:\n${`${stdout}${stderr}`.trim().slice(0, 4_000)}`);
  }
  return outDir;
}
