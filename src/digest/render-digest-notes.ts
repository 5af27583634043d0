import { renderAnnouncementRefused, renderNotInChannel } from '../trunks/render-notice.js';
import { requestLabel } from '../trunks/describe-request.js';
import { context, type SlackMessage, section } from '../trunks/message.js';
import { escapeMrkdwn, slackDate } from '../trunks/slack-text.js';
import type { Digest, DigestSend } from './digest-book.js';
import type { Slot } from './digest-schedule.js';

const WHAT_IS_POSTED = 'the trunks down, disabled and changed in the last 24 h, with a Details button for each';

/** A moment each reader sees in their own zone, and the digest's zone for clients that cannot. */
export function moment(epochMs: number): string {
  const date = new Date(epochMs);
  return slackDate(date, '{date_short_pretty} {time}', `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
}

/** `09:00 Europe/London`, and whose zone that is. */
function when(digest: Digest): string {
  const whose =
    digest.zoneFrom === 'user'
      ? `<@${digest.createdBy}>’s time zone`
      : 'the bot’s default zone, DIGEST_TIMEZONE: Slack did not say which zone its creator is in';
  return `*${digest.time}* ${escapeMrkdwn(digest.timeZone)} (${whose})`;
}

/** Posted in the channel when a digest is set up: who, what, at what time in which zone, and when the first comes. */
export function renderDigestSet(digest: Digest, first: Slot, replaced: Digest | undefined): SlackMessage {
  const text = `🗞️ <@${digest.createdBy}> set up a daily digest in this channel: ${requestLabel(digest)}, every day at ${when(digest)}.`;
  const instead = replaced
    ? `\nIt replaces the digest <@${replaced.createdBy}> set up (${requestLabel(replaced)} at ${replaced.time} ${escapeMrkdwn(replaced.timeZone)}): a channel has one.`
    : '';
  return {
    text,
    blocks: [
      section(`${text}\nI will post ${WHAT_IS_POSTED}. The first one: ${moment(first.dueAt)}.${instead}`),
      context(`Set up ${moment(digest.createdAt)} · \`/trunks digest\` shows it · \`/trunks digest off\` stops it.`),
    ],
  };
}

/** Posted in the channel when its digest is stopped, so the channel knows who stopped it. */
export function renderDigestRemoved(digest: Digest, user: string): SlackMessage {
  const text = `🔕 <@${user}> stopped this channel’s daily digest (${requestLabel(digest)} at ${digest.time} ${escapeMrkdwn(digest.timeZone)}).`;
  return { text, blocks: [section(text)] };
}

/** `/trunks digest`: the channel's digest, when the next one comes and when the last one went out. */
export function renderDigestShown(digest: Digest, next: Slot, last: DigestSend | undefined): SlackMessage {
  const lines = [
    `*This channel’s daily digest:* ${requestLabel(digest)}, every day at ${when(digest)}; set up by <@${digest.createdBy}> ${moment(digest.createdAt)}.`,
    digest.disabled
      ? `⏸️ _Paused: Slack refused it here (${escapeMrkdwn(digest.disabled.reason)}). Invite me and set it up again._`
      : `Next: ${moment(next.dueAt)}.`,
    ...(last?.postedAt !== undefined ? [`Last posted ${moment(last.postedAt)}.`] : []),
  ];
  return {
    text: `This channel’s daily digest: ${digest.time} ${digest.timeZone}`,
    blocks: [
      section(lines.join('\n')),
      context('`/trunks digest off` stops it; `/trunks digest 08:30 …` replaces it.'),
    ],
  };
}

/** A private note with no buttons. */
export function renderDigestNote(text: string): SlackMessage {
  return { text, blocks: [section(text)] };
}

/** How to use the digest commands, with what was wrong. */
export function renderDigestUsage(problem?: string): SlackMessage {
  const lines = [
    ...(problem ? [`:warning: ${escapeMrkdwn(problem)}`] : []),
    '*A daily digest in this channel*',
    '`/trunks digest 09:00` (every trunk) · `/trunks digest 8:30am outgoing acme` · `/trunks digest 17:45 group:billing`',
    '`/trunks digest` shows this channel’s digest · `/trunks digest off` stops it',
    `Each day at that time, in your Slack time zone, I post ${WHAT_IS_POSTED}. A channel has one digest: setting it again replaces it.`,
  ];
  return renderDigestNote(lines.join('\n'));
}

/** The bot cannot post in the channel: how to invite it. */
export function renderCannotDigest(): SlackMessage {
  return renderNotInChannel('send it a digest');
}

/** Slack refused the confirmation for another reason (its own trouble): nothing was set up; try again. */
export function renderDigestNotPosted(slackError: string): SlackMessage {
  return renderAnnouncementRefused('digest', slackError);
}
