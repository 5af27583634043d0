import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createConnection, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const START_TIMEOUT_MS = 5_000;

/** A throwaway redis-server on loopback, as test/support/redis-server.js starts one for the tests. */
export interface LocalRedis {
  url: string;
  stop(): Promise<void>;
}

/** Starts `redis-server` (REDIS_SERVER_BIN or on PATH) with no persistence on a free loopback port. */
export async function startRedis(bin = 'redis-server'): Promise<LocalRedis> {
  const port = await freePort();
  const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const failed = once(child, 'error').then(([err]) => err as Error);
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const outcome = await Promise.race([ping(port), failed]);
    if (outcome === true) break;
    if (outcome instanceof Error || child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(
        `could not start ${bin} (${outcome instanceof Error ? outcome.message : 'no PONG'}): install redis-server, or pass --redis-url`,
      );
    }
    await sleep(50);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill();
      await exited;
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}
