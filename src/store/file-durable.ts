import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DurableStore } from './durable.js';

/** Where a file store keeps its state, and what it tells other processes about itself. */
export interface FileDurableOptions {
  /** DATA_DIR: created when missing. */
  dir: string;
  /** The clock leases expire by. */
  now?: () => number;
  /** The process id recorded in leases and temp files, so a successor can tell this process has died. */
  pid?: number;
}

// A leading letter or digit keeps names inside `dir` (no `..`, no `/`) and apart from dot-named temp files.
const NAME = /^[a-z0-9][a-z0-9._-]*$/i;
// `.<file>.<pid>.<random>.tmp`, as written by writeAtomically.
const TEMP = /^\..+\.(\d+)\.[0-9a-f]+\.tmp$/;

const checked = (name: string) => {
  if (!NAME.test(name)) throw new Error(`Invalid durable name "${name}": use letters, digits, '.', '_' and '-'.`);
  return name;
};

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** Whether `pid` names a running process; one we may not signal (EPERM) is running too. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

interface Lease {
  owner: string;
  pid: number;
  expiresAt: number;
}

/** The lease a file holds; undefined when it is unreadable, so a damaged file never blocks the lease for good. */
function parseLease(text: string | undefined): Lease | undefined {
  try {
    const lease = JSON.parse(text ?? '') as Partial<Lease> | null;
    const valid =
      typeof lease?.owner === 'string' &&
      Number.isInteger(lease.pid) &&
      lease.pid! > 0 &&
      Number.isFinite(lease.expiresAt);
    return valid ? (lease as Lease) : undefined;
  } catch {
    return undefined;
  }
}

/** Records from a collection file's text; undefined when it is not an object of strings. */
function parseRecords(text: string): Map<string, string> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const entries = Object.entries(parsed);
    return entries.every(([, value]) => typeof value === 'string') ? new Map(entries) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * State in files under `dir`, for one process: documents in `<name>.json`, collections in
 * `<collection>.records.json`, leases in `<name>.lease`. Rejects, naming the fix, when `dir` cannot be
 * created or written.
 */
export async function createFileDurable(options: FileDurableOptions): Promise<DurableStore> {
  const { dir, now = Date.now, pid = process.pid } = options;
  await ensureWritable(dir, pid);
  await removeStaleTemps(dir, pid);

  const path = (file: string) => join(dir, file);
  const readText = async (file: string) => {
    try {
      return await readFile(path(file), 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  };
  // The temp file sits in `dir` so the rename stays on one file system, where it is atomic.
  const writeAtomically = async (file: string, text: string) => {
    const temp = path(`.${file}.${pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path(file));
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  };

  // One promise chain per file: a read-modify-write starts only after the previous one has renamed its file.
  const tails = new Map<string, Promise<void>>();
  const serially = <T>(file: string, task: () => Promise<T>): Promise<T> => {
    const result = (tails.get(file) ?? Promise.resolve()).then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    tails.set(file, tail);
    void tail.then(() => {
      if (tails.get(file) === tail) tails.delete(file);
    });
    return result;
  };

  /**
   * A collection's records. An unparseable file is renamed aside to `<file>.corrupt-<time>` and the
   * collection starts empty: a crash loop over a damaged file is worse than starting afresh, and the
   * renamed file keeps what was there for a person to recover.
   */
  const loadRecords = async (file: string) => {
    const text = await readText(file);
    if (text === undefined) return new Map<string, string>();
    const records = parseRecords(text);
    if (records) return records;
    await rename(path(file), path(`${file}.corrupt-${now()}`));
    return new Map<string, string>();
  };
  const collectionFile = (collection: string) => `${checked(collection)}.records.json`;
  const saveRecords = (file: string, records: Map<string, string>) =>
    writeAtomically(file, JSON.stringify(Object.fromEntries(records)));

  return {
    kind: 'file',
    async read(name) {
      return readText(`${checked(name)}.json`);
    },
    async write(name, value) {
      const file = `${checked(name)}.json`;
      await serially(file, () => writeAtomically(file, value));
    },
    async records(collection) {
      const file = collectionFile(collection);
      // Through the chain, so setting a damaged file aside never races a write replacing it.
      return serially(file, () => loadRecords(file));
    },
    async putRecord(collection, id, value) {
      const file = collectionFile(collection);
      await serially(file, async () => {
        const records = await loadRecords(file);
        records.set(id, value);
        await saveRecords(file, records);
      });
    },
    async deleteRecord(collection, id) {
      const file = collectionFile(collection);
      return serially(file, async () => {
        const records = await loadRecords(file);
        if (!records.delete(id)) return false;
        await saveRecords(file, records);
        return true;
      });
    },
    /**
     * Without Redis one process is one poller; this lease stops a second process on the same DATA_DIR
     * (a demo beside a running bot) from polling too. It is not race-free between processes that read
     * an expired lease at the same moment; within this process the file's chain serializes it.
     */
    async lease(name, owner, ttlMs) {
      const file = `${checked(name)}.lease`;
      return serially(file, async () => {
        const held = parseLease(await readText(file));
        const t = now();
        // A holder whose process died (pid not ours and not running) will never renew or release.
        const holderLive = held !== undefined && (held.pid === pid || isAlive(held.pid));
        if (held && held.owner !== owner && held.expiresAt > t && holderLive) return false;
        await writeAtomically(file, JSON.stringify({ owner, pid, expiresAt: t + ttlMs }));
        return true;
      });
    },
    async releaseLease(name, owner) {
      const file = `${checked(name)}.lease`;
      await serially(file, async () => {
        if (parseLease(await readText(file))?.owner === owner) await rm(path(file), { force: true });
      });
    },
    async close() {
      while (tails.size > 0) await Promise.all(tails.values());
    },
  };
}

/** Creates `dir` and proves it writable with a probe file, so a bad DATA_DIR fails at start, not at the first write. */
export async function ensureWritable(dir: string, pid: number = process.pid): Promise<void> {
  const probe = join(dir, `.probe.${pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new Error(`Cannot keep state in ${dir} (${reason}): set DATA_DIR to a writable directory.`, { cause });
  }
}

/** Deletes temp files left by a crash; another live process's temp file may be mid-write, so it stays. */
async function removeStaleTemps(dir: string, pid: number): Promise<void> {
  for (const entry of await readdir(dir)) {
    const owner = TEMP.exec(entry)?.[1];
    if (owner !== undefined && (Number(owner) === pid || !isAlive(Number(owner)))) {
      await rm(join(dir, entry), { force: true });
    }
  }
}
