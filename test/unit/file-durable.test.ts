import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DurableStore } from '../../src/store/durable.js';
import { createFileDurable } from '../../src/store/file-durable.js';
import { durableContract } from '../support/durable-contract.js';

/** The pid of a process that has run and exited, so no process has it (until the OS reuses it). */
async function exitedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await once(child, 'exit');
  return child.pid!;
}

/** A process that stays alive until stopped: a holder on this machine other than the test itself. */
function runningProcess() {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  return {
    pid: child.pid!,
    stop: async () => {
      child.kill();
      if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    },
  };
}

let root: string;
let dir: string;
let clock: number;
const now = () => clock;
const opened: DurableStore[] = [];
const open = async (options: { pid?: number } = {}) => {
  const store = await createFileDurable({ dir, now, ...options });
  opened.push(store);
  return store;
};
const temps = async () => (await readdir(dir)).filter((f) => f.endsWith('.tmp'));

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'trunkbot-durable-'));
  dir = root;
  clock = 1_000_000;
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
  await rm(root, { recursive: true, force: true });
});

describe('file durable store: the DurableStore contract', () => {
  durableContract({
    open: () => open(),
    checkDocument: async (store) => {
      expect(store.kind).toBe('file');
      expect(await readFile(join(dir, 'snapshot.json'), 'utf8')).toBe('v2');
    },
    checkCollections: async (store) => {
      expect(await store.read('watches')).toBeUndefined();
    },
    checkReleased: async () => {
      expect(await readdir(dir)).toEqual([]);
    },
  });
});

describe('file durable store: documents and records', () => {
  test('documents persist for the next store on the same directory', async () => {
    await (await open()).write('snapshot', 'kept');
    await (await open()).putRecord('watches', 'C1', 'w1');
    const next = await open();
    expect(await next.read('snapshot')).toBe('kept');
    expect(await next.records('watches')).toEqual(new Map([['C1', 'w1']]));
  });

  test('concurrent putRecord and deleteRecord calls lose none of each other’s records', async () => {
    const store = await open();
    await store.putRecord('watches', 'gone', 'x');
    const ids = Array.from({ length: 50 }, (_, i) => `C${i}`);
    const [deleted] = await Promise.all([
      store.deleteRecord('watches', 'gone'),
      ...ids.map((id) => store.putRecord('watches', id, `value-${id}`)),
    ]);
    expect(deleted).toBe(true);
    const records = await store.records('watches');
    expect([...records.keys()].sort()).toEqual([...ids].sort());
    expect(records.get('C49')).toBe('value-C49');
  });

  test('close waits for writes still in flight', async () => {
    const store = await createFileDurable({ dir });
    const pending = Promise.all(Array.from({ length: 10 }, (_, i) => store.putRecord('watches', `C${i}`, 'w')));
    await store.close();
    const onDisk = JSON.parse(await readFile(join(dir, 'watches.records.json'), 'utf8')) as object;
    expect(Object.keys(onDisk)).toHaveLength(10);
    await pending;
  });
});

describe('file durable store: atomic writes and damage', () => {
  test('a write leaves no temp file behind', async () => {
    const store = await open();
    await store.write('snapshot', 'v1');
    await store.putRecord('watches', 'C1', 'w1');
    await store.deleteRecord('watches', 'C1');
    await store.lease('poller', 'a', 1_000);
    expect((await readdir(dir)).sort()).toEqual(['poller.lease', 'snapshot.json', 'watches.records.json']);
  });

  test('a reader never sees part of a write', async () => {
    const store = await open();
    const versions = ['a', 'b'].map((c) => c.repeat(1_000_000));
    await store.write('snapshot', versions[0]!);
    let writing = true;
    const writes = (async () => {
      try {
        for (let i = 1; i <= 20; i++) await store.write('snapshot', versions[i % 2]!);
      } finally {
        writing = false;
      }
    })();
    const seen = new Set<string | undefined>();
    while (writing) {
      const text = await store.read('snapshot');
      seen.add(text === versions[0] ? 'a' : text === versions[1] ? 'b' : `partial: ${text?.length}`);
    }
    await writes;
    expect([...seen].filter((s) => s !== 'a' && s !== 'b')).toEqual([]);
  });

  test('a failed write removes its temp file and rejects', async () => {
    const store = await open();
    // A directory where the document should be: the rename over it fails.
    await mkdir(join(dir, 'snapshot.json'));
    await expect(store.write('snapshot', 'v1')).rejects.toThrow();
    expect(await temps()).toEqual([]);
  });

  test('a stale temp file from a crash is ignored by reads', async () => {
    const store = await open();
    await store.write('snapshot', 'good');
    await store.putRecord('watches', 'C1', 'w1');
    await writeFile(join(dir, `.snapshot.json.${process.pid}.abc123.tmp`), 'half-writ');
    await writeFile(join(dir, `.watches.records.json.${process.pid}.abc123.tmp`), '{"C9":');
    expect(await store.read('snapshot')).toBe('good');
    expect(await store.records('watches')).toEqual(new Map([['C1', 'w1']]));
  });

  test('opening removes temp files of dead processes but not of live ones', async () => {
    const dead = `.snapshot.json.${await exitedPid()}.abc123.tmp`;
    const live = runningProcess();
    try {
      const mine = `.watches.records.json.${process.pid}.def456.tmp`;
      const theirs = `.snapshot.json.${live.pid}.abc123.tmp`;
      for (const file of [dead, mine, theirs]) await writeFile(join(dir, file), 'partial');
      await open();
      expect(await temps()).toEqual([theirs]);
    } finally {
      await live.stop();
    }
  });

  test('a damaged document is returned as written: documents are the caller’s to parse', async () => {
    const store = await open();
    await writeFile(join(dir, 'snapshot.json'), '{"trunks": [');
    expect(await store.read('snapshot')).toBe('{"trunks": [');
  });

  test.each([
    ['not JSON', '{"C1": "w1",'],
    ['an array', '["w1"]'],
    ['non-string values', '{"C1": 1}'],
  ])('a collection file holding %s is set aside and the collection starts empty', async (_, damaged) => {
    const store = await open();
    await writeFile(join(dir, 'watches.records.json'), damaged);
    expect(await store.records('watches')).toEqual(new Map());
    const aside = `watches.records.json.corrupt-${clock}`;
    expect(await readdir(dir)).toEqual([aside]);
    expect(await readFile(join(dir, aside), 'utf8')).toBe(damaged);
    await store.putRecord('watches', 'C2', 'w2');
    expect(await store.records('watches')).toEqual(new Map([['C2', 'w2']]));
  });

  test('putRecord on a damaged collection sets it aside and starts afresh', async () => {
    const store = await open();
    await writeFile(join(dir, 'watches.records.json'), 'garbage');
    await store.putRecord('watches', 'C1', 'w1');
    expect(await store.records('watches')).toEqual(new Map([['C1', 'w1']]));
    expect(await readdir(dir)).toContain(`watches.records.json.corrupt-${clock}`);
  });
});

describe('file durable store: names and the data directory', () => {
  test.each(['../escape', 'a/b', '.hidden', '', 'with space', 'a\\b', '-dash-first'])(
    'the name %j is rejected by every method',
    async (name) => {
      const store = await open();
      const calls = [
        store.read(name),
        store.write(name, 'v'),
        store.records(name),
        store.putRecord(name, 'id', 'v'),
        store.deleteRecord(name, 'id'),
        store.lease(name, 'a', 1_000),
        store.releaseLease(name, 'a'),
      ];
      for (const call of calls) await expect(call).rejects.toThrow(/Invalid durable name/);
      expect(await readdir(dir)).toEqual([]);
    },
  );

  test('names with dots, dashes and underscores are accepted', async () => {
    const store = await open();
    await store.write('inventory.snapshot_v2-a', 'v');
    expect(await store.read('inventory.snapshot_v2-a')).toBe('v');
  });

  test('a missing directory is created', async () => {
    dir = join(root, 'nested', 'data');
    const store = await open();
    await store.write('snapshot', 'v');
    expect(await readdir(dir)).toEqual(['snapshot.json']);
  });

  test('a directory that cannot be created names itself and the DATA_DIR fix', async () => {
    const file = join(root, 'a-file');
    await writeFile(file, '');
    const bad = join(file, 'sub');
    const opening = createFileDurable({ dir: bad });
    await expect(opening).rejects.toThrow(bad);
    await expect(opening).rejects.toThrow(/set DATA_DIR to a writable directory/);
  });
});

// /proc/self exists, yet no one (root included) may create a file in it.
(process.platform === 'linux' ? test : test.skip)(
  'an existing directory that cannot be written names itself and the DATA_DIR fix',
  async () => {
    await expect(createFileDurable({ dir: '/proc/self' })).rejects.toThrow(
      'Cannot keep state in /proc/self (ENOENT): set DATA_DIR to a writable directory.',
    );
  },
);

describe('file durable store: leases', () => {
  const leaseFile = async () => JSON.parse(await readFile(join(dir, 'poller.lease'), 'utf8')) as unknown;

  test('a lease is taken, renewed by its owner, and refused to another owner while it lasts', async () => {
    const store = await open();
    expect(await store.lease('poller', 'a', 1_000)).toBe(true);
    expect(await leaseFile()).toEqual({ owner: 'a', pid: process.pid, expiresAt: clock + 1_000 });
    clock += 600;
    expect(await store.lease('poller', 'a', 1_000)).toBe(true);
    expect(await leaseFile()).toEqual({ owner: 'a', pid: process.pid, expiresAt: clock + 1_000 });
    // Past the first expiry, but the renewal pushed it on.
    clock += 600;
    expect(await store.lease('poller', 'b', 1_000)).toBe(false);
    expect(await leaseFile()).toMatchObject({ owner: 'a' });
  });

  test('another owner takes the lease once it has expired, and the old owner is then refused', async () => {
    const store = await open();
    expect(await store.lease('poller', 'a', 1_000)).toBe(true);
    clock += 999;
    expect(await store.lease('poller', 'b', 1_000)).toBe(false);
    clock += 1;
    expect(await store.lease('poller', 'b', 1_000)).toBe(true);
    expect(await store.lease('poller', 'a', 1_000)).toBe(false);
  });

  test('a second store on the same directory sees the first one’s lease', async () => {
    const first = await open();
    const second = await open();
    expect(await first.lease('poller', 'a', 60_000)).toBe(true);
    expect(await second.lease('poller', 'b', 60_000)).toBe(false);
  });

  test('a lease held by a process that has died is taken over before it expires', async () => {
    const crashed = await open({ pid: await exitedPid() });
    expect(await crashed.lease('poller', 'a', 60_000)).toBe(true);
    expect(await (await open()).lease('poller', 'b', 60_000)).toBe(true);
    expect(await leaseFile()).toMatchObject({ owner: 'b', pid: process.pid });
  });

  test('a lease held by another live process is refused until it expires', async () => {
    const live = runningProcess();
    try {
      const other = await open({ pid: live.pid });
      expect(await other.lease('poller', 'a', 60_000)).toBe(true);
      const store = await open();
      expect(await store.lease('poller', 'b', 60_000)).toBe(false);
      clock += 60_000;
      expect(await store.lease('poller', 'b', 60_000)).toBe(true);
    } finally {
      await live.stop();
    }
  });

  test('a damaged lease file does not block the lease', async () => {
    const store = await open();
    await writeFile(join(dir, 'poller.lease'), '{"owner":');
    expect(await store.lease('poller', 'a', 1_000)).toBe(true);
    expect(await leaseFile()).toMatchObject({ owner: 'a' });
  });
});
