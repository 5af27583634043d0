import { withTimeout } from '../with-timeout.js';
import { CHECK_TIMEOUT_MS, type CheckOptions, type CheckResult } from './check.js';

const NAME = 'Redis';

/** PING over a connection of its own: state shared by instances (and watches) needs Redis to answer. */
export async function checkRedis(
  url: string,
  { timeoutMs = CHECK_TIMEOUT_MS }: CheckOptions = {},
): Promise<CheckResult> {
  // Host and port only: the URL may carry a password.
  const { hostname, port } = new URL(url);
  const where = `${hostname}:${port || 6379}`;
  // Loaded here, not with the module: a bot without REDIS_URL never needs the Redis client.
  const { createClient } = await import('@redis/client');
  const client = createClient({ url, socket: { connectTimeout: timeoutMs, reconnectStrategy: false } });
  // Failures surface through connect() and ping(); without a listener the client would throw globally.
  client.on('error', () => undefined);
  try {
    const answer = await withTimeout(
      client.connect().then(() => client.ping()),
      timeoutMs,
      () => {
        throw new Error(`no answer within ${timeoutMs / 1000} s`);
      },
    );
    return { name: NAME, ok: true, detail: `${where} answered ${answer}` };
  } catch (err) {
    const { code, message } = err as NodeJS.ErrnoException;
    return {
      name: NAME,
      ok: false,
      detail: `${where} did not answer PING (${code ?? message})`,
      fix: 'start Redis or correct REDIS_URL; until it answers, each instance keeps de-duplication and rate limits in its own memory and watches wait',
    };
  } finally {
    // A client that never connected is already closed, and says so by throwing.
    if (client.isOpen) client.destroy();
  }
}
