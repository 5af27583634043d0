import { isTimeZone } from '../config.js';
import type { Digest } from '../digest/digest-book.js';
import { nextSlot } from '../digest/digest-schedule.js';
import { formatTimeOfDay, type TimeOfDay } from '../digest/local-time.js';
import {
  renderCannotDigest,
  renderDigestNote,
  renderDigestNotPosted,
  renderDigestRemoved,
  renderDigestSet,
  renderDigestShown,
  renderDigestUsage,
} from '../digest/render-digest-notes.js';
import { errorFields, slackErrorCode } from '../log.js';
import { formatRequest } from '../trunks/format-request.js';
import type { TrunkRequest } from '../trunks/trunk-request.js';
import { CHANNEL_GONE } from '../watch/alert-sender.js';
import type { Answer } from './answer-query.js';
import type { PostInChannel } from './answer-watch.js';
import type { BotDeps } from './deps.js';
import type { Origin } from './request.js';

type DigestDeps = Pick<BotDeps, 'digests' | 'digestTimeZone' | 'log' | 'now'>;

/** The asker's Slack time zone (`users.info` → `user.tz`); rejects with Slack's error when it cannot be read. */
export type UserTimeZone = () => Promise<string | undefined>;

/**
 * `/trunks digest 09:00 [filters]`: stores the channel's digest (replacing any) in the asker's time zone,
 * then says so in the channel — or, when the bot cannot post there, puts the channel back as it was.
 */
export async function answerDigestSet(
  deps: DigestDeps,
  origin: Origin,
  request: TrunkRequest,
  time: TimeOfDay,
  parts: { post: PostInChannel; userTimeZone: UserTimeZone },
): Promise<Answer> {
  const channel = origin.channel;
  if (channel === undefined) {
    return {
      message: renderDigestUsage('Run the digest command in the channel to post it in.'),
      ok: false,
      outcome: 'invalid_input',
    };
  }
  const zone = await zoneOf(deps, origin, parts.userTimeZone);
  const at = deps.now?.() ?? Date.now();
  const digest: Digest = {
    channel,
    createdBy: origin.user,
    createdAt: at,
    time: formatTimeOfDay(time),
    ...zone,
    query: formatRequest({ ...request, page: 1 }),
    request: { ...request, page: 1 },
  };
  const replaced = await deps.digests.set(digest);
  const first = nextSlot(digest, at, await deps.digests.send(channel));
  try {
    await parts.post(renderDigestSet(digest, first, replaced));
  } catch (error) {
    // No confirmation in the channel, no digest: a summary no one there asked for would surprise them.
    await deps.digests.restore(channel, replaced);
    const slackError = slackErrorCode(error) ?? 'unknown';
    deps.log.info({ ...origin, slackError }, 'digest refused: cannot post in the channel');
    const message = CHANNEL_GONE.has(slackError) ? renderCannotDigest() : renderDigestNotPosted(slackError);
    return { message, ok: false, outcome: 'digest_refused' };
  }
  return { message: renderDigestSet(digest, first, replaced), ok: true, outcome: 'digest_set', total: 1 };
}

/** `/trunks digest`: the channel's digest and when it comes next, or how to set one up. */
export async function answerDigestShow(deps: DigestDeps, origin: Origin): Promise<Answer> {
  const digest = origin.channel === undefined ? undefined : await deps.digests.get(origin.channel);
  if (!digest) return { message: renderDigestUsage(), ok: true, outcome: 'digest_shown', total: 0 };
  const send = await deps.digests.send(digest.channel);
  const next = nextSlot(digest, deps.now?.() ?? Date.now(), send);
  return { message: renderDigestShown(digest, next, send), ok: true, outcome: 'digest_shown', total: 1 };
}

/** `/trunks digest off`: removes the channel's digest and tells the channel who did. */
export async function answerDigestOff(deps: DigestDeps, origin: Origin, post: PostInChannel): Promise<Answer> {
  const removed = origin.channel === undefined ? undefined : await deps.digests.remove(origin.channel);
  if (!removed) {
    return {
      message: renderDigestUsage('This channel has no daily digest to stop.'),
      ok: false,
      outcome: 'digest_not_found',
    };
  }
  await post(renderDigestRemoved(removed, origin.user)).catch((error: unknown) =>
    deps.log.info(
      { ...origin, slackError: slackErrorCode(error) ?? 'unknown' },
      'could not tell the channel its digest stopped',
    ),
  );
  return {
    message: renderDigestNote(`Stopped this channel’s daily digest (${removed.time} ${removed.timeZone}).`),
    ok: true,
    outcome: 'digest_removed',
    total: 1,
  };
}

/** The asker's own zone from Slack, else DIGEST_TIMEZONE (a missing scope, a bot user, an unknown zone). */
async function zoneOf(
  deps: DigestDeps,
  origin: Origin,
  userTimeZone: UserTimeZone,
): Promise<Pick<Digest, 'timeZone' | 'zoneFrom'>> {
  const fallback = { timeZone: deps.digestTimeZone, zoneFrom: 'default' as const };
  try {
    const tz = await userTimeZone();
    if (tz !== undefined && isTimeZone(tz)) return { timeZone: tz, zoneFrom: 'user' };
    deps.log.info({ ...origin, tz }, 'digest uses DIGEST_TIMEZONE: Slack gave no zone this runtime knows');
  } catch (error) {
    const slackError = slackErrorCode(error);
    deps.log.info(
      { ...origin, ...(slackError ? { slackError } : errorFields(error)) },
      'digest uses DIGEST_TIMEZONE: users.info did not answer (is the users:read scope granted?)',
    );
  }
  return fallback;
}
