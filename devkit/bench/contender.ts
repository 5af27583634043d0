import { ACTION } from '../../src/trunks/action-ids.js';
import type { SenderResult } from '../sandbox/slack-sender.js';
import { SlackSender } from '../sandbox/slack-sender.js';
import type { BenchWorld } from './bench-world.js';
import { SIGNING_SECRET } from './bot-specs.js';
import { checkFloorReply, checkTrunkPage } from './check-reply.js';
import { driveLoad, type LoadRun } from './drive-load.js';
import type { BenchQuery } from './per-call-queries.js';
import type { BotProcess } from './spawn-bot.js';

/** The two Slack surfaces the bench drives. */
export type Surface = 'command' | 'button';

/** Which of the two bots. */
export type Role = 'trunkbot' | 'floor';

// The ephemeral message the clicked Next › sits on; Slack sends its ts, the bots do not use it.
const CLICKED_MESSAGE_TS = '1764244800.000100';

/** What one request is: a command (the query's text, or `text`) or a click on the query's Next ›. */
export interface OneRequest {
  surface: Surface;
  query?: BenchQuery;
  text?: string;
  /** The Slack user; a new one per request when unset. */
  user?: string;
}

/** A closed-loop run described request by request. */
export interface DriveOptions {
  requests: number;
  concurrency: number;
  /** What request `k` is; called just before it is sent, in order. */
  request(k: number, responseUrl: string): OneRequest;
  /** What is wrong with a reply; by default, anything but a trunk page (trunkbot) or "N trunks" (floor). */
  check?(body: Record<string, unknown>): string | undefined;
  onReply?(body: Record<string, unknown>): void;
}

/** One bot under load: how to send it requests and check its replies. */
export interface Contender {
  role: Role;
  bot: BotProcess;
  /** Requests sent to it so far, warm-ups included (for CPU per request in a profile). */
  sent: number;
  /** Drives `count` requests at `concurrency` on `surface`, request i asking `pick(i)`. */
  load(surface: Surface, count: number, concurrency: number, pick: (i: number) => BenchQuery): Promise<LoadRun>;
  /** Drives a run whose requests may each be different. */
  drive(options: DriveOptions): Promise<LoadRun>;
}

let users = 0;
/** A new Slack user id per request, so no per-user limit or state decides anything. */
const nextUser = (): string => `U0B${(++users).toString(36).toUpperCase().padStart(7, '0')}`;

/** Wraps a started bot: trunkbot is sent its sealed Next › values, the floor plain query text. */
export function contender(role: Role, bot: BotProcess, world: BenchWorld): Contender {
  const sender = new SlackSender({
    eventsUrl: `http://127.0.0.1:${bot.port}/slack/events`,
    signingSecret: SIGNING_SECRET,
    teamId: world.slack.teamId,
  });
  const send = ({ surface, query, text, user }: OneRequest, responseUrl: string): Promise<SenderResult> => {
    const userId = user ?? nextUser();
    if (surface === 'command') return sender.slashCommand({ text: text ?? query?.text ?? '', responseUrl, userId });
    if (!query) throw new Error('a click needs the query whose Next › it presses');
    return sender.blockAction({
      actionId: ACTION.next,
      value: query.next[role],
      responseUrl,
      userId,
      isEphemeral: true,
      message: { ts: CLICKED_MESSAGE_TS },
    });
  };
  const self: Contender = {
    role,
    bot,
    sent: 0,
    drive: (options) => {
      self.sent += options.requests;
      return driveLoad({
        slack: world.slack,
        requests: options.requests,
        concurrency: options.concurrency,
        alive: () => !bot.exited(),
        check: options.check ?? (role === 'trunkbot' ? checkTrunkPage : checkFloorReply),
        ...(options.onReply && { onReply: options.onReply }),
        send: (k, responseUrl) => send(options.request(k, responseUrl), responseUrl),
      });
    },
    load: (surface, count, concurrency, pick) =>
      self.drive({ requests: count, concurrency, request: (k) => ({ surface, query: pick(k) }) }),
  };
  return self;
}
