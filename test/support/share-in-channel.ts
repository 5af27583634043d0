import type { SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import type { ApiCall } from '../../devkit/sandbox/slack-stand-in.js';
import { ACTION } from '../../src/trunks/action-ids.js';
import { newUserId } from './answers.js';
import type { CapturedLogs } from './capture-logs.js';
import { ask, click } from './world-helpers.js';

/** Asks for `query` in `channelId`, has a new user press Share, and returns the message posted for everyone. */
export async function shareInChannel(
  world: SandboxWorld,
  logs: CapturedLogs,
  query: string,
  channelId: string,
): Promise<ApiCall> {
  const { reply } = await ask(world, logs, query, { channelId });
  const sharer = newUserId();
  await click(world, reply.body, ACTION.share, { userId: sharer, channelId });
  return world.slack.waitForCall(
    'chat.postMessage',
    (c) => c.args.channel === channelId && String(c.args.text).includes(`<@${sharer}>`),
  );
}
