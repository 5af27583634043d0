import { ACTION } from '../trunks/action-ids.js';
import type { ButtonSeal } from '../trunks/button-seal.js';
import { describeRequest } from '../trunks/describe-request.js';
import { formatRequest } from '../trunks/format-request.js';
import { type Block, context, type SlackMessage, section } from '../trunks/message.js';
import { trunkName } from '../trunks/render-card.js';
import { code, truncate } from '../trunks/slack-text.js';
import { type Trunk, typeLabel } from '../trunks/trunk.js';
import type { TrunkRequest } from '../trunks/trunk-request.js';
import { encodeTrunkRef } from '../trunks/trunk-ref.js';
import type { Digest } from './digest-book.js';
import { LATE_NOTE_MS } from './digest-schedule.js';
import { moment } from './render-digest-notes.js';
import type { DigestSummary } from './summarize-digest.js';

/**
 * Trunks listed per group, each with a Details button. Three groups of five, with their headings and
 * "more" lines, come to about 25 blocks: well inside Slack's 50 per message, however large the estate.
 */
export const LISTED_PER_GROUP = 5;

export interface DigestView {
  digest: Digest;
  summary: DigestSummary;
  /** When the snapshot was taken. */
  fetchedAt: number;
  /** When the digest was due, and how late it is posted. */
  dueAt: number;
  lateMs: number;
  seal: ButtonSeal;
}

/** A group: its heading with the count, its first trunks each with Details, and the query that lists the rest. */
function group(
  heading: string,
  items: { trunk: Trunk; line: string }[],
  more: TrunkRequest,
  channel: string,
  seal: ButtonSeal,
): Block[] {
  const blocks: Block[] = [section(`${heading}: ${items.length === 0 ? 'none' : `*${items.length}*`}`)];
  for (const { trunk, line } of items.slice(0, LISTED_PER_GROUP)) {
    // A record without an ID cannot be looked up again: it is listed without a button.
    if (trunk.keyId === null) {
      blocks.push(section(line));
      continue;
    }
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: line },
      accessory: {
        type: 'button',
        action_id: ACTION.details,
        text: { type: 'plain_text', text: 'Details' },
        value: encodeTrunkRef({ id: String(trunk.keyId), channel }, seal),
      },
    });
  }
  const hidden = items.length - LISTED_PER_GROUP;
  if (hidden > 0) {
    blocks.push(context(`…and ${hidden} more: ${code(`/trunks ${formatRequest({ ...more, page: 1 })}`, 300)}`));
  }
  return blocks;
}

/**
 * The daily digest: counts of the trunks the digest's filters match (down, disabled, changed in the last
 * 24 h), the first few of each with a Details button, and how to see the rest. Escaped like every
 * message, so a trunk named `<!channel>` pings no one.
 */
export function renderDigest({ digest, summary, fetchedAt, dueAt, lateMs, seal }: DigestView): SlackMessage {
  const { channel, request } = digest;
  const what = digest.query === '' ? 'every trunk' : describeRequest(request);
  const counts = `${summary.total} ${summary.total === 1 ? 'trunk' : 'trunks'} · ${summary.down.length} down · ${summary.disabled.length} disabled · ${summary.changed.length} changed in the last 24 h`;
  const blocks: Block[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: truncate(`Daily digest · ${what}`, 150), emoji: false },
    },
    context(counts),
    ...group(
      '🔴 *Gateway down* (enabled trunks)',
      summary.down.map((trunk) => ({
        trunk,
        line: `${trunkName(trunk)}${trunk.gatewayIp ? ` ${code(trunk.gatewayIp, 40)}` : ''} · ID ${code(String(trunk.keyId), 20)}`,
      })),
      { ...request, status: ['down'] },
      channel,
      seal,
    ),
    ...group(
      '⏸️ *Disabled*',
      summary.disabled.map((trunk) => ({
        trunk,
        line: `${trunkName(trunk)}${trunk.type === null ? '' : ` · ${typeLabel(trunk.type)}`} · ID ${code(String(trunk.keyId), 20)}`,
      })),
      { ...request, status: ['disabled'] },
      channel,
      seal,
    ),
    ...group(
      '✏️ *Changed in the last 24 h*',
      summary.changed.map(({ trunk, at }) => ({ trunk, line: `${trunkName(trunk)} · changed ${moment(at)}` })),
      { ...request, changed: { withinMinutes: 24 * 60 } },
      channel,
      seal,
    ),
  ];
  const late =
    lateMs > LATE_NOTE_MS ? `Posted late: it was due ${moment(dueAt)}, when trunkbot could not post it. ` : '';
  blocks.push(
    context(
      `${late}Data from ITNIO as of ${moment(fetchedAt)} · daily at ${digest.time} (${digest.timeZone}), set up by <@${digest.createdBy}> · \`/trunks digest off\` stops it.`,
    ),
  );
  return { text: `Daily trunk digest: ${counts}`, blocks };
}
