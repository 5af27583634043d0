import { readPackageJson } from './package-json.js';

const START = /^node((?: --\S+)*) dist\/index\.js$/;

/**
 * The Node flags `npm start` runs `dist/index.js` with (package.json's `start` script), so that whatever
 * starts the built bot elsewhere — the bench — starts it as a deployment does.
 */
export function startNodeArgs(): string[] {
  const start = readPackageJson().scripts?.start ?? '';
  const match = START.exec(start);
  if (!match) throw new Error(`package.json's start script is not "node [--flags] dist/index.js": ${start}`);
  return match[1]!.split(' ').filter((flag) => flag !== '');
}
