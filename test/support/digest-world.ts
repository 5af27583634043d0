import type { ApiCall } from '../../devkit/sandbox/slack-stand-in.js';
import { startSandboxWorld, type SandboxWorld, type SandboxWorldOptions } from '../../devkit/sandbox/sandbox-world.js';
import { newUserId } from './answers.js';
import { captureLogs, type CapturedLogs, type LogLine, waitForAudit } from './capture-logs.js';

/** A clock the test sets to a moment; it runs on from there, so nothing waits for real time to pass. */
export function settableClock(start: string) {
  let offset = Date.parse(start) - Date.now();
  return {
    now: () => Date.now() + offset,
    set: (iso: string) => {
      offset = Date.parse(iso) - Date.now();
    },
  };
}

export type SettableClock = ReturnType<typeof settableClock>;

/** A world whose digest poster the test drives (`bot.digests.runDue()`) on a clock it sets. */
export async function digestWorld(clock: SettableClock, options: SandboxWorldOptions = {}) {
  const logs = captureLogs();
  const world = await startSandboxWorld({
    now: clock.now,
    manualPolling: true,
    logDestination: logs.destination,
    ...options,
    env: { RATE_LIMIT_PER_USER: '0', ...options.env },
  });
  return { world, logs };
}

/**
 * `/trunks <text>` in a channel by a new user whose Slack profile is in `timeZone`; resolves with the
 * command's audit line once it is written.
 */
export async function digestCommand(
  world: SandboxWorld,
  logs: CapturedLogs,
  text: string,
  { channel, timeZone = 'Europe/London' }: { channel: string; timeZone?: string },
): Promise<LogLine> {
  const userId = newUserId();
  world.slack.setUserTimeZone(userId, timeZone);
  await world.sender.slashCommand({ text, responseUrl: world.slack.newResponseUrl(), userId, channelId: channel });
  return waitForAudit(logs, (line) => line.user === userId);
}

/** Messages the bot posted in a channel (digests, confirmations). */
export const channelPosts = (world: SandboxWorld, channel: string) =>
  world.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.ok && c.args.channel === channel);

/** The daily digests posted in a channel. */
export const digestsIn = (world: SandboxWorld, channel: string) =>
  channelPosts(world, channel).filter((c) => String(c.args.text).startsWith('Daily trunk digest'));

/** A call's text and blocks, for contains-style assertions. */
export const textOf = (call: ApiCall) => JSON.stringify([call.args.text, call.args.blocks]);
