import { renderAnnouncementRefused, renderNotInChannel } from '../trunks/render-notice.js';
import { ACTION } from '../trunks/action-ids.js';
import type { ButtonSeal } from '../trunks/button-seal.js';
import { requestLabel } from '../trunks/describe-request.js';
import { type Block, context, type SlackMessage, section } from '../trunks/message.js';
import { escapeMrkdwn, slackDate } from '../trunks/slack-text.js';
import { encodeWatchRef } from './watch-ref.js';
import { MAX_WATCHES_PER_CHANNEL, OPERATOR, type Watch } from './watch-book.js';

const WHAT_IS_REPORTED =
  'gateway down and back up, and trunks added, removed, enabled, disabled or reconfigured (IPs, prefix, SIP account, agent groups, credentials)';

/** Posted in the channel when a watch is set up: who, what, and how to stop it. */
export function renderWatchAdded(watch: Watch, matching: number | undefined): SlackMessage {
  const count = matching === undefined ? '' : ` (${matching} ${matching === 1 ? 'trunk' : 'trunks'} now)`;
  const text = `👀 <@${watch.createdBy}> set up a watch in this channel: ${requestLabel(watch)}${count}.`;
  return {
    text,
    blocks: [
      section(`${text}\nI will post here on ${WHAT_IS_REPORTED}.`),
      context('`/trunks watching` lists this channel’s watches; `/trunks unwatch N` stops one.'),
    ],
  };
}

/** Posted in the channel when watches are removed, so the channel knows alerts stopped and who stopped them. */
export function renderWatchRemoved(watches: Watch[], user: string): SlackMessage {
  const what = watches.length === 1 ? `the watch of ${requestLabel(watches[0]!)}` : `${watches.length} watches`;
  const text = `🔕 <@${user}> stopped ${what} in this channel.`;
  return { text, blocks: [section(text)] };
}

/** A private note with no buttons. */
export function renderWatchNote(text: string): SlackMessage {
  return { text, blocks: [section(text)] };
}

/** The bot cannot post in the channel: how to invite it. */
export function renderCannotWatch(): SlackMessage {
  return renderNotInChannel('watch trunks for it');
}

/** Slack refused the confirmation for another reason (its own trouble): nothing was set up; try again. */
export function renderWatchNotPosted(slackError: string): SlackMessage {
  return renderAnnouncementRefused('watch', slackError);
}

/** The channel has as many watches as it may. */
export function renderTooManyWatches(): SlackMessage {
  return renderWatchNote(
    `:no_entry: This channel already has ${MAX_WATCHES_PER_CHANNEL} watches. \`/trunks watching\` lists them with a Remove button each.`,
  );
}

/** How to use the watch commands, with what was wrong. */
export function renderWatchUsage(problem?: string): SlackMessage {
  const lines = [
    ...(problem ? [`:warning: ${escapeMrkdwn(problem)}`] : []),
    '*Watch trunks in this channel*',
    '`/trunks watch acme` · `/trunks watch outgoing` · `/trunks watch ip:203.0.113.0/24` · `/trunks watch group:billing` · `/trunks watch all`',
    '`/trunks watching` lists this channel’s watches · `/trunks unwatch 2` or `/trunks unwatch all` stops them',
    `A watch reports ${WHAT_IS_REPORTED}.`,
  ];
  return renderWatchNote(lines.join('\n'));
}

/** The channel's watches, numbered as `unwatch N` reads them, each with a Remove button. */
export function renderWatchList(watches: Watch[], seal: ButtonSeal): SlackMessage {
  if (watches.length === 0) {
    return renderWatchNote(
      'This channel watches no trunks. `/trunks watch acme` (or `/trunks watch all`) sets one up.',
    );
  }
  const blocks: Block[] = [section(`*Watches in this channel* (${watches.length})`)];
  for (const [i, watch] of watches.entries()) {
    const who =
      watch.createdBy === OPERATOR
        ? 'set by the operator (ALERT_CHANNEL_ID)'
        : `by <@${watch.createdBy}> ${slackDate(new Date(watch.createdAt), '{date_short_pretty} {time}', new Date(watch.createdAt).toISOString())}`;
    const state = watch.disabled
      ? `\n⏸️ _Paused: Slack refused alerts here (${escapeMrkdwn(watch.disabled.reason)}). Invite me and set the watch up again._`
      : '';
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `${i + 1}. ${requestLabel(watch)} · ${who}${state}` },
      ...(watch.id !== OPERATOR && {
        accessory: {
          type: 'button',
          action_id: ACTION.unwatch,
          text: { type: 'plain_text', text: 'Remove' },
          value: encodeWatchRef({ id: watch.id, channel: watch.channel }, seal),
        },
      }),
    });
  }
  blocks.push(context('`/trunks unwatch N` or `/trunks unwatch all` works too.'));
  return { text: `Watches in this channel (${watches.length})`, blocks };
}
