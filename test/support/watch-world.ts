import type { RawTrunk } from '../../devkit/sandbox/seed-trunks.js';
import { startSandboxWorld, type SandboxWorld, type SandboxWorldOptions } from '../../devkit/sandbox/sandbox-world.js';
import { captureLogs } from './capture-logs.js';

/** A world whose poller the test drives, on a clock moved a poll interval at a time instead of waited for. */
export async function watchWorld(options: SandboxWorldOptions = {}) {
  let ahead = 0;
  const logs = captureLogs();
  const world = await startSandboxWorld({
    now: () => Date.now() + ahead,
    manualPolling: true,
    logDestination: logs.destination,
    ...options,
    env: { WATCH_INTERVAL_SECONDS: '1', WATCH_CONFIRM_POLLS: '2', RATE_LIMIT_PER_USER: '0', ...options.env },
  });
  const poll = async (w: SandboxWorld = world) => {
    ahead += 1_000;
    return w.bot.poller.pollOnce();
  };
  return { world, logs, poll };
}

/** An enabled Acme trunk whose gateway is up, to take down. */
export function acmeUp(world: SandboxWorld): RawTrunk {
  const trunk = world.sandbox!.trunks.find((t) => /acme/i.test(t.sipTrunkName) && t.state === 1 && t.sipTrunkState);
  if (!trunk) throw new Error('the sandbox has no enabled Acme trunk with its gateway up');
  return trunk;
}
