// Jest global setup/teardown: a throwaway redis-server on a free loopback port for the Redis tests.
// TEST_REDIS_URL, when already set (CI starts its own), is used as is.
import { spawn } from 'node:child_process';
import { createConnection, createServer } from 'node:net';

const REDIS_BIN = process.env.REDIS_SERVER_BIN || 'redis-server';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function ping(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

export async function setup() {
  if (process.env.TEST_REDIS_URL) return;
  const port = await freePort();
  const child = spawn(REDIS_BIN, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const started = await new Promise((resolve) => {
    child.once('error', () => resolve(false));
    const deadline = Date.now() + 5_000;
    const poll = async () => {
      if (child.exitCode !== null) return resolve(false);
      if (await ping(port)) return resolve(true);
      if (Date.now() > deadline) return resolve(false);
      setTimeout(poll, 50);
    };
    void poll();
  });
  if (!started) {
    child.kill();
    const hint = 'redis-server is not installed (apt-get install redis-server), so the Redis tests are skipped';
    if (process.env.CI) throw new Error(`${hint}; CI must run them.`);
    process.stderr.write(`\n${hint}.\n`);
    return;
  }
  globalThis.__trunkbotRedis = child;
  process.env.TEST_REDIS_URL = `redis://127.0.0.1:${port}`;
}

export async function teardown() {
  globalThis.__trunkbotRedis?.kill();
}
