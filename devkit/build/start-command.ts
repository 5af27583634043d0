import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../spawn-tsx.js';

const START = /^node((?: --\S+)*) dist\/index\.js$/;

/**
 * The Node flags `npm start` runs `dist/index.js` with (package.json's `start` script), so that whatever
 * starts the built bot elsewhere — the bench — starts it as a deployment does.
 */
export function startNodeArgs(): string[] {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const start = manifest.scripts?.start ?? '';
  const match = START.exec(start);
  if (!match) throw new Error(`package.json's start script is not "node [--flags] dist/index.js": ${start}`);
  return match[1]!.split(' ').filter((flag) => flag !== '');
}
