/** How a channel looks to the bot; by default it exists, is not archived and the bot is a member. */
export interface ChannelState {
  archived?: boolean;
  botMember?: boolean;
}

/** Channel ids starting with this are gone (deleted, or never existed), whatever else is set. */
export const GONE_CHANNEL_PREFIX = 'C0GONE';

/** The workspace's channels as far as posting goes; one store shared by every chat method. */
export interface ChannelStates {
  set(channelId: string, state: ChannelState): void;
  delete(channelId: string): void;
  /** The error Slack answers a post or edit in this channel with, if it refuses it. */
  refusal(channelId: unknown): 'channel_not_found' | 'is_archived' | 'not_in_channel' | undefined;
}

/** An empty store: every channel posts fine until told otherwise. */
export function createChannelStates(): ChannelStates {
  const states = new Map<string, ChannelState>();
  const deleted = new Set<string>();
  return {
    set: (channelId, state) => {
      // Describing a channel says it exists: this brings back one that delete() removed.
      deleted.delete(channelId);
      states.set(channelId, { ...states.get(channelId), ...state });
    },
    delete: (channelId) => {
      deleted.add(channelId);
      states.delete(channelId);
    },
    refusal: (channelId) => {
      const id = String(channelId);
      if (id.startsWith(GONE_CHANNEL_PREFIX) || deleted.has(id)) return 'channel_not_found';
      const state = states.get(id);
      if (state?.archived) return 'is_archived';
      if (state?.botMember === false) return 'not_in_channel';
      return undefined;
    },
  };
}
