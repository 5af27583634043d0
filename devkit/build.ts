import { join } from 'node:path';
import { buildBot } from './build/bundle.js';
import { REPO_ROOT } from './spawn-tsx.js';

try {
  await buildBot(join(REPO_ROOT, 'dist'));
  process.stdout.write('built dist/index.js (npm start) and dist/doctor/cli.js (the doctor)\n');
} catch (err) {
  // esbuild has printed each problem with its file and line already.
  process.stderr.write(`build failed: ${(err as Error).message.split('\n')[0]}\n`);
  process.exitCode = 1;
}
