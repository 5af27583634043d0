import { ensureWritable } from '../store/file-durable.js';
import type { CheckResult } from './check.js';

const NAME = 'Data directory';

/** Without Redis, watches and alert state live in files under DATA_DIR: it must be writable. */
export async function checkDataDir(dir: string): Promise<CheckResult> {
  try {
    await ensureWritable(dir);
    return { name: NAME, ok: true, detail: `${dir} is writable (watches and alert state are kept there)` };
  } catch (err) {
    const reason = ((err as Error).cause as NodeJS.ErrnoException | undefined)?.code ?? (err as Error).message;
    return {
      name: NAME,
      ok: false,
      detail: `${dir} is not writable (${reason})`,
      fix: 'set DATA_DIR to a writable directory that survives restarts, or set REDIS_URL to keep that state in Redis',
    };
  }
}
