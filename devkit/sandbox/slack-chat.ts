import { fail, nonEmpty, type Args, type Result } from './slack-api-args.js';
import type { ChannelStates } from './slack-channels.js';
import { dmChannelOf, isUserId } from './slack-ids.js';

/** Who posts: the bot's user, bot and workspace ids as Slack stamps them on messages. */
export interface ChatIdentity {
  teamId: string;
  botUserId: string;
  botId: string;
}

/**
 * chat.postMessage, chat.update, chat.postEphemeral and chat.delete over one store of posted messages;
 * posts and edits in a channel that is gone, archived or without the bot are refused as Slack does.
 */
export function createChatMethods(
  identity: ChatIdentity,
  channels: ChannelStates,
): Record<string, (args: Args) => Result> {
  const { teamId, botUserId, botId } = identity;
  // Only messages posted here can be updated or deleted, as in Slack (ephemeral ones never can).
  const messages = new Map<string, Args>();
  let lastTsMicros = 0;
  const nextTs = (): string => {
    lastTsMicros = Math.max(Date.now() * 1000, lastTsMicros + 1);
    return `${Math.floor(lastTsMicros / 1e6)}.${String(lastTsMicros % 1e6).padStart(6, '0')}`;
  };

  return {
    'chat.postMessage': (args) => {
      const refused = channels.refusal(args.channel);
      if (refused) return fail(refused);
      // A reply whose parent Slack never saw is accepted (and shows in no visible thread): the parent
      // may be a user's message, which never passes through this store.
      const ts = nextTs();
      // A user ID means the bot's DM with that user; Slack answers with the DM's own id, which edits then use.
      const channel = isUserId(args.channel) ? dmChannelOf(args.channel) : args.channel;
      const message = {
        type: 'message',
        text: args.text ?? '',
        blocks: args.blocks,
        ts,
        thread_ts: args.thread_ts,
        user: botUserId,
        bot_id: botId,
        team: teamId,
      };
      messages.set(`${String(channel)}:${ts}`, message);
      return { ok: true, channel, ts, message };
    },
    'chat.update': (args) => {
      const refused = channels.refusal(args.channel);
      if (refused) return fail(refused);
      const key = `${String(args.channel)}:${String(args.ts)}`;
      const previous = messages.get(key);
      if (!previous) return fail('message_not_found');
      // Slack keeps the previous text/blocks for whichever of them an update leaves out.
      const message = { ...previous, text: args.text ?? previous.text, blocks: args.blocks ?? previous.blocks };
      messages.set(key, message);
      return { ok: true, channel: args.channel, ts: args.ts, text: message.text, message };
    },
    'chat.postEphemeral': (args) => {
      const refused = channels.refusal(args.channel);
      if (refused) return fail(refused);
      return nonEmpty(args.user) ? { ok: true, message_ts: nextTs() } : fail('invalid_arguments');
    },
    'chat.delete': (args) => {
      if (!nonEmpty(args.channel)) return fail('channel_not_found');
      if (!messages.delete(`${String(args.channel)}:${String(args.ts)}`)) return fail('message_not_found');
      return { ok: true, channel: args.channel, ts: args.ts };
    },
  };
}
