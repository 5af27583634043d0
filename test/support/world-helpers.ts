import type { types } from '@slack/bolt';
import type { SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import type { ResponseUrlPost } from '../../devkit/sandbox/slack-stand-in.js';

type Message = { text?: string; blocks?: types.KnownBlock[] };

/** Runs a slash command and returns the bot's HTTP answer and the first message posted to its response_url. */
export async function runCommand(
  world: SandboxWorld,
  text: string,
  extra: { userId?: string; channelId?: string } = {},
) {
  const responseUrl = world.slack.newResponseUrl();
  const id = responseUrl.split('/').pop();
  const ack = await world.sender.slashCommand({ text, responseUrl, ...extra });
  const reply = await world.slack.waitForResponse((r) => r.id === id);
  return { ack, reply, responseUrl };
}

/** Clicks a button on a message and returns the first post to the click's response_url. */
export async function click(
  world: SandboxWorld,
  message: Message,
  actionId: string,
  options: { isEphemeral?: boolean; channelId?: string; userId?: string; ts?: string; value?: string } = {},
) {
  const button = buttonsOf(message).find((b) => b.action_id === actionId);
  if (!button && options.value === undefined) throw new Error(`no ${actionId} button on the message`);
  const responseUrl = world.slack.newResponseUrl();
  const id = responseUrl.split('/').pop();
  const ack = await world.sender.blockAction({
    actionId,
    value: options.value ?? button!.value ?? '',
    responseUrl,
    isEphemeral: options.isEphemeral ?? true,
    ...(options.channelId && { channelId: options.channelId }),
    ...(options.userId && { userId: options.userId }),
    message: {
      ts: options.ts ?? '1700000000.000100',
      ...(message.text && { text: message.text }),
      ...(message.blocks && { blocks: message.blocks }),
    },
  });
  return {
    ack,
    responseUrl,
    id,
    next: (predicate?: (r: ResponseUrlPost) => boolean) =>
      world.slack.waitForResponse((r) => r.id === id && (!predicate || predicate(r))),
  };
}

/** The buttons of a message's actions block. */
export function buttonsOf(message: Message): types.Button[] {
  const actions = message.blocks?.find((b): b is types.ActionsBlock => b.type === 'actions');
  return (actions?.elements ?? []) as types.Button[];
}

/** Every visible string in a message, for contains-style assertions. */
export function textOf(message: Message): string {
  return JSON.stringify(message);
}
