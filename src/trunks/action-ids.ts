/** Slack `action_id`s, shared by the renderer that draws the buttons and the listeners that handle them. */
export const ACTION = {
  prev: 'trunks_prev',
  next: 'trunks_next',
  refresh: 'trunks_refresh',
  share: 'trunks_share',
  /** Runs a failed request again (same filters and page), from whatever snapshot is fresh by then. */
  retry: 'trunks_retry',
  /** Runs a failed ↻ Refresh again: fresh data from ITNIO. */
  retryRefresh: 'trunks_retry_refresh',
  /** Uploads every trunk a list matches as a CSV file. */
  exportCsv: 'trunks_export',
  /** Opens a trunk's whole record in a modal. */
  details: 'trunks_details',
  /** Posts the trunk shown in a Details modal into the channel it was opened from. */
  shareDetails: 'trunks_details_share',
  /** Posts a "Find trunks in this message" answer into the channel. */
  shareLookup: 'trunks_lookup_share',
  /** Runs a suggested query (an empty answer's "did you mean"); numbered, as action ids must differ within a message. */
  suggestion: 'trunks_suggestion',
  /** Removes one of a channel's watches from the `/trunks watching` list (or from the App Home tab). */
  unwatch: 'trunks_unwatch',
  /** Share… on an alert: opens the form that posts that trunk into a channel the user picks. */
  shareToChannel: 'trunks_share_to_channel',
  /** Rebuilds the snapshot and publishes the App Home tab again. */
  homeRefresh: 'trunks_home_refresh',
  /** Runs a query from the App Home tab and sends the answer as a direct message; numbered like suggestions. */
  homeQuery: 'trunks_home_query',
} as const;

/** The "Share trunk to a channel" modal: its callback id, and the block and action ids of its inputs. */
export const SHARE_FORM = {
  callbackId: 'trunks_share_to_channel_form',
  channelBlock: 'share_channel',
  channelAction: 'channel',
  noteBlock: 'share_note',
  noteAction: 'note',
} as const;

/** The action id of the `n`-th suggested query in one message. */
export function suggestionAction(n: number): string {
  return `${ACTION.suggestion}_${n}`;
}

/** Matches every suggested query's action id. */
export const SUGGESTION_ACTION = new RegExp(`^${ACTION.suggestion}_\\d+$`);

/** The action id of the `n`-th query button on the App Home tab. */
export function homeQueryAction(n: number): string {
  return `${ACTION.homeQuery}_${n}`;
}

/** Matches every App Home query button's action id. */
export const HOME_QUERY_ACTION = new RegExp(`^${ACTION.homeQuery}_\\d+$`);

/** The callback id of the "Find trunks in this message" shortcut (also in manifest.yml). */
export const FIND_IN_MESSAGE = 'find_trunks_in_message';
