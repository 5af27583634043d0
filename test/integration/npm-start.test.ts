import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPackageJson } from '../../devkit/build/package-json.js';
import { startNodeArgs } from '../../devkit/build/start-command.js';
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

  test('after the build starts dist/index.js, with the heap capped at 1 GB', async () => {
    mkdirSync(join(copy, 'dist'));
    writeFileSync(
      join(copy, 'dist/index.js'),
      "import { getHeapStatistics } from 'node:v8';\n" +
        'const mb = getHeapStatistics().heap_size_limit / 2 ** 20;\n' +
        "process.stdout.write('dist/index.js ran, heap limit ' + mb + ' MB\\n');\n",
    );
    writeFileSync(join(copy, 'dist/package.json'), '{ "type": "module" }\n');
    const { code, stdout } = await npmStart(copy);
    expect(code).toBe(0);
    const limit = Number(/dist\/index\.js ran, heap limit ([\d.]+) MB/.exec(stdout)?.[1]);
    // The old generation's 1,024 MB plus the young generation's few dozen.
    expect(limit).toBeGreaterThanOrEqual(1024);
    expect(limit).toBeLessThan(1200);
  });

  test('the Procfile runs what npm start runs; its Node flags are the heap cap', () => {
    const web = /^web: (.+)$/m.exec(readFileSync(join(REPO_ROOT, 'Procfile'), 'utf8'))?.[1];
    expect(web).toBe(readPackageJson().scripts?.start);
    expect(startNodeArgs()).toEqual(['--max-old-space-size=1024']);
  });
});
