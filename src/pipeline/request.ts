import type { Progress } from '../inventory/fetch-inventory.js';
import type { SlackMessage } from '../trunks/message.js';
import type { TrunkRequest } from '../trunks/trunk-request.js';
import type { Answer, AnswerView } from './answer-query.js';
import type { Claim } from './claims.js';
import type { Outcome } from './outcome.js';

/** The Slack surface a request came through; `home` is the App Home tab being opened, refreshed or redrawn. */
export type Surface = 'command' | 'mention' | 'button' | 'share' | 'share_to_channel' | 'details' | 'shortcut' | 'home';

/** Who asked, from where, through which Slack surface. */
export interface Origin {
  surface: Surface;
  user: string;
  /** The channel asked in; for a share to a picked channel, the picked one (where the trunk is posted). */
  channel?: string;
  /** For a share to a picked channel: the channel it was shared from (an alert's). */
  fromChannel?: string;
  /** The asker's own workspace (in a Slack Connect channel, not necessarily the bot's). */
  team?: string;
  enterprise?: string;
}

/** What reading a payload produced: a request to run and how to show it, or the private reply that says why not. */
export type Reading =
  | { request: TrunkRequest; view: AnswerView }
  | { outcome: Outcome; reply: SlackMessage; input?: string };

/** A request as a listener hands it to the pipeline: everything surface-specific, as data and callbacks. */
export interface Intake {
  origin: Origin;
  /** One-time marks (trigger_id, event_id, a Share click); any already taken drops the request. */
  claims: Claim[];
  /**
   * Set when answering asks ITNIO for nothing the user does not already have (a Share of what is on screen,
   * the watch list): never counted against the rate limit. A Share whose snapshot has gone stale does rebuild
   * it, but builds happen at most once per INVENTORY_TTL_SECONDS whoever asks, so Shares cannot add load.
   */
  unmetered?: boolean;
  /** Reads the payload; runs only for a requester who passed the access check. */
  read(): Reading;
  /** Answers the asker alone: refusals, usage, problems. */
  whisper(message: SlackMessage): Promise<unknown>;
  /** Shows the asker how a slow answer is coming along, in place (surfaces that can update a message). */
  progress?(message: SlackMessage): Promise<unknown>;
  /** Answers an admitted request; by default a list (or stats) of the matching trunks. */
  answer?(request: TrunkRequest, view: AnswerView, onProgress?: (progress: Progress) => void): Promise<Answer>;
  /** Delivers an answer; returns the outcome when delivering decides it (Share), else the answer's stands. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a reply that returns nothing keeps the answer's outcome.
  reply(answer: Answer): Promise<Outcome | void>;
}
