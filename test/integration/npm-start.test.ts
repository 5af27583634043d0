import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../devkit/spawn-tsx.js';
import { runNpm } from '../support/run-npm.js';

/** Runs `npm start` in `cwd` and collects how it ended. */
const npmStart = (cwd: string) => runNpm(['start', '--silent'], { cwd, env: { PATH: process.env.PATH ?? '' } });

describe('npm start', () => {
  let copy: string;

  beforeEach(() => {
    // The package's scripts without dist/, as a fresh clone has them.
    copy = mkdtempSync(join(tmpdir(), 'trunkbot-start-'));
    cpSync(join(REPO_ROOT, 'package.json'), join(copy, 'package.json'));
  });

  afterEach(() => {
    rmSync(copy, { recursive: true, force: true });
  });

  test('before npm run build says to build first, without a stack trace', async () => {
    const { code, stderr } = await npmStart(copy);
    expect(code).not.toBe(0);
    expect(stderr).toContain('trunkbot is not built yet: run npm run build first');
    expect(stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|\n\s+at /);
  });

  test('after the build starts dist/index.js', async () => {
    mkdirSync(join(copy, 'dist'));
    writeFileSync(join(copy, 'dist/index.js'), "process.stdout.write('dist/index.js ran\\n');\n");
    const { code, stdout } = await npmStart(copy);
    expect(code).toBe(0);
    expect(stdout).toContain('dist/index.js ran');
  });
});
