import { slackErrorCode } from '../log.js';
import { requestLabel } from '../trunks/describe-request.js';
import { formatRequest } from '../trunks/format-request.js';
import { matchTrunks } from '../trunks/match-trunks.js';
import type { SlackMessage } from '../trunks/message.js';
import type { TrunkRequest } from '../trunks/trunk-request.js';
import { CHANNEL_GONE } from '../watch/alert-sender.js';
import { MAX_WATCHES_PER_CHANNEL, OPERATOR, type Watch } from '../watch/watch-book.js';
import {
  renderCannotWatch,
  renderWatchNotPosted,
  renderTooManyWatches,
  renderWatchAdded,
  renderWatchList,
  renderWatchNote,
  renderWatchRemoved,
  renderWatchUsage,
} from '../watch/render-watches.js';
import type { Answer } from './answer-query.js';
import type { BotDeps } from './deps.js';
import type { Outcome } from './outcome.js';
import type { Origin } from './request.js';

type WatchDeps = Pick<BotDeps, 'watches' | 'inventory' | 'seal' | 'log' | 'shutdown' | 'pollSoon'>;

/** Posts a message in the origin's channel as the bot (throws Slack's error when it cannot). */
export type PostInChannel = (message: SlackMessage) => Promise<unknown>;

const note = (message: SlackMessage, outcome: Outcome, ok = true): Answer => ({ message, ok, outcome });

/**
 * `/trunks watch [filters]`: stores the channel's watch, then says so in the channel — or, when the bot
 * cannot post there, takes the watch back and tells the user how to invite it.
 */
export async function answerWatch(
  deps: WatchDeps,
  origin: Origin,
  request: TrunkRequest,
  post: PostInChannel,
): Promise<Answer> {
  const channel = origin.channel;
  if (channel === undefined)
    return note(renderWatchUsage('Run the watch command in the channel to alert.'), 'invalid_input', false);
  const existing = await deps.watches.ofChannel(channel);
  const query = formatRequest({ ...request, page: 1 });
  const same = existing.find((w) => w.query === query && !w.disabled);
  if (same) {
    const n = existing.indexOf(same) + 1;
    return note(
      renderWatchNote(`This channel already watches ${requestLabel(same)} (watch ${n} in \`/trunks watching\`).`),
      'watch_exists',
    );
  }
  if (existing.filter((w) => w.createdBy !== OPERATOR).length >= MAX_WATCHES_PER_CHANNEL) {
    return note(renderTooManyWatches(), 'watch_refused', false);
  }
  const { watch, paused } = await deps.watches.add(
    { channel, createdBy: origin.user, query, request: { ...request, page: 1 } },
    Date.now(),
  );
  try {
    await post(renderWatchAdded(watch, await matchingNow(deps, request)));
  } catch (error) {
    // No confirmation in the channel, no watch: a watch no one in the channel knows of would surprise them.
    if (paused) await deps.watches.restore(paused);
    else await deps.watches.remove(watch);
    const slackError = slackErrorCode(error) ?? 'unknown';
    deps.log.info({ ...origin, slackError }, 'watch refused: cannot post in the channel');
    return note(
      CHANNEL_GONE.has(slackError) ? renderCannotWatch() : renderWatchNotPosted(slackError),
      'watch_refused',
      false,
    );
  }
  deps.pollSoon?.();
  return { message: renderWatchAdded(watch, undefined), ok: true, outcome: 'watch_added', total: 1 };
}

/** `/trunks watching`: the channel's watches, privately, each with a Remove button. */
export async function answerWatching(deps: WatchDeps, origin: Origin): Promise<Answer> {
  const watches = origin.channel === undefined ? [] : await deps.watches.ofChannel(origin.channel);
  return { message: renderWatchList(watches, deps.seal), ok: true, outcome: 'watch_listed', total: watches.length };
}

/** `/trunks unwatch N|all` and the Remove button: removes, tells the channel, and shows the list that is left. */
export async function answerUnwatch(
  deps: WatchDeps,
  origin: Origin,
  which: number | 'all' | { id: string },
  post: PostInChannel,
): Promise<Answer> {
  const channel = origin.channel;
  if (channel === undefined) return answerWatching(deps, origin);
  const watches = await deps.watches.ofChannel(channel);
  const chosen =
    which === 'all'
      ? watches.filter((w) => w.id !== OPERATOR)
      : typeof which === 'number'
        ? watches.slice(which - 1, which)
        : watches.filter((w) => w.id === which.id);
  if (chosen.length === 0) {
    const why =
      which === 'all' ? 'This channel has no watches to stop.' : 'There is no such watch in this channel (any more).';
    return {
      ...(await answerWatching(deps, origin)),
      message: withNote(why, renderWatchList(watches, deps.seal)),
      outcome: 'watch_not_found',
    };
  }
  if (chosen.some((w) => w.id === OPERATOR)) {
    return note(
      renderWatchNote('That watch is set by the operator with ALERT_CHANNEL_ID; it stops when the setting is removed.'),
      'watch_refused',
      false,
    );
  }
  const removed: Watch[] = [];
  for (const watch of chosen) if (await deps.watches.remove(watch)) removed.push(watch);
  if (removed.length > 0) {
    await post(renderWatchRemoved(removed, origin.user)).catch((error: unknown) =>
      deps.log.info(
        { ...origin, slackError: slackErrorCode(error) ?? 'unknown' },
        'could not tell the channel a watch stopped',
      ),
    );
  }
  const left = await deps.watches.ofChannel(channel);
  const done =
    removed.length === 1 ? `Stopped watching ${requestLabel(removed[0]!)}.` : `Stopped ${removed.length} watches.`;
  return {
    message: withNote(done, renderWatchList(left, deps.seal)),
    ok: true,
    outcome: 'watch_removed',
    total: removed.length,
  };
}

/** How many trunks a new watch covers now, when the snapshot is at hand; a slow ITNIO does not hold the watch up. */
async function matchingNow(deps: WatchDeps, request: TrunkRequest): Promise<number | undefined> {
  try {
    const snapshot = await deps.inventory.get(deps.shutdown ? { signal: deps.shutdown } : {});
    return matchTrunks(snapshot.index, request, snapshot.fetchedAt).length;
  } catch {
    return undefined;
  }
}

function withNote(text: string, message: SlackMessage): SlackMessage {
  return {
    text: `${text} ${message.text}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }, ...message.blocks],
  };
}
