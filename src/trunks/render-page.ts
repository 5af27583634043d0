import type { types } from '@slack/bolt';
import type { TrunkPage } from './trunk.js';
import { ACTION, suggestionAction } from './action-ids.js';
import type { Block, SlackMessage } from './message.js';
import type { ButtonSeal } from './button-seal.js';
import { describeRequest } from './describe-request.js';
import { encodePageState } from './page-state.js';
import type { Suggestion } from './suggest.js';
import { encodeTrunkRef } from './trunk-ref.js';
import { renderCard } from './render-card.js';
import { capitalise, escapeClip, escapeMrkdwn, oneLine, slackDate, truncate } from './slack-text.js';
import { PAGE_SIZE, type TrunkRequest } from './trunk-request.js';

export interface RenderPageOptions {
  request: TrunkRequest;
  page: TrunkPage;
  fetchedAt: Date;
  /** Zone the vendor's times are in. */
  timeZone: string;
  /** Offer the Share button (ephemeral results only). */
  shareable: boolean;
  /** User who shared this message into the channel. */
  sharedBy?: string;
  /** Signs the state carried by the buttons. */
  seal: ButtonSeal;
  /** How many of all the matches are enabled with their gateway down (known when the whole inventory was searched). */
  downCount?: number;
  /** Offer a Details button on each card (the trunk is in the inventory, so its full record can be shown). */
  details?: boolean;
  /** Offer Export CSV (the list was matched in the inventory, so every match can be exported, not just a page). */
  exportable?: boolean;
  /** For an empty answer: what the words match elsewhere, offered as queries to run. */
  suggestions?: Suggestion[];
  /** A line about where the data came from (written by the bot, not escaped). */
  notice?: string;
}

const MAX_FALLBACK = 1_000;

/** The records a page shows: a vendor that ignores `size` must not push the message past Slack's block limit. */
export function recordsShown(page: TrunkPage): TrunkPage['records'] {
  return page.records.slice(0, PAGE_SIZE);
}

/** One page of trunks as a Block Kit message, with paging (and optionally Share) buttons. */
export function renderTrunkPage(options: RenderPageOptions): SlackMessage {
  const { request, page, fetchedAt, timeZone, shareable, sharedBy, seal } = options;
  const filters = describeRequest(request);
  const records = recordsShown(page);
  const down = options.downCount === undefined ? '' : ` · ${options.downCount} down`;
  const count =
    page.total === 0
      ? '0 trunks'
      : `${page.total} ${page.total === 1 ? 'trunk' : 'trunks'} · page ${request.page} of ${Math.max(page.pages, 1)}${down}`;

  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(capitalise(filters), 150), emoji: false } },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: sharedBy ? `${count}  ·  shared by <@${sharedBy}>` : count }],
    },
  ];

  if (records.length === 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: emptyText(request, page, options.suggestions) } });
  }
  records.forEach((trunk, i) => {
    if (i > 0) blocks.push({ type: 'divider' });
    const card = { type: 'section' as const, text: { type: 'mrkdwn' as const, text: renderCard(trunk, timeZone) } };
    const detailsOf =
      options.details && trunk.keyId !== null ? encodeTrunkRef({ id: String(trunk.keyId) }, seal) : undefined;
    blocks.push(
      detailsOf
        ? { ...card, accessory: button(ACTION.details, 'Details', detailsOf, 'Show this trunk in full') }
        : card,
    );
  });

  const unreadable =
    page.unreadable > 0
      ? `  ·  :warning: ${page.unreadable} ${page.unreadable === 1 ? 'record' : 'records'} from ITNIO could not be read`
      : '';
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `Data from ITNIO as of ${slackDate(fetchedAt, '{date_short_pretty} {time_secs}', fetchedAt.toISOString())}${unreadable}${options.notice ? `  ·  ${options.notice}` : ''}`,
      },
    ],
  });

  // On a shared message these buttons give the presser a private continuation; the shared copy stays as shared.
  const buttons = navButtons(request, page, seal);
  // Refresh and Share carry this very page: one sealed value serves both.
  const here = encodePageState({ request }, seal);
  buttons.push(button(ACTION.refresh, '↻ Refresh', here, 'Fetch this page again from ITNIO'));
  // Nothing to share in an empty answer.
  if (shareable && records.length > 0) {
    buttons.push(button(ACTION.share, 'Share', here, 'Post this page to the channel'));
  }
  // Shared copies offer it too: whoever presses it there gets the file in that channel.
  if (options.exportable && page.total > 0) {
    const all = request.page === 1 ? here : encodePageState({ request: { ...request, page: 1 } }, seal);
    buttons.push(button(ACTION.exportCsv, 'Export CSV', all, 'Upload every matching trunk as a CSV file'));
  }
  for (const [i, suggestion] of (
    (records.length === 0 ? options.suggestions : undefined)?.slice(0, 3) ?? []
  ).entries()) {
    const label = truncate(`${suggestion.count} in ${suggestion.field} ${suggestion.value}`, 70);
    buttons.push(button(suggestionAction(i + 1), label, encodePageState({ request: suggestion.request }, seal)));
  }
  blocks.push({ type: 'actions', block_id: 'trunks_nav', elements: buttons });

  return { text: fallbackText(filters, sharedBy ? `${count}, shared by <@${sharedBy}>` : count, records), blocks };
}

function navButtons(request: TrunkRequest, page: TrunkPage, seal: ButtonSeal): types.Button[] {
  const out: types.Button[] = [];
  const goTo = (p: number): string => encodePageState({ request: { ...request, page: p } }, seal);
  // Past the end (a stale `page:N`), "Prev" jumps back to the last real page.
  const prev = request.page > page.pages ? page.pages : request.page - 1;
  if (prev >= 1) out.push(button(ACTION.prev, '‹ Prev', goTo(prev)));
  if (request.page < page.pages) out.push(button(ACTION.next, 'Next ›', goTo(request.page + 1)));
  return out;
}

function button(actionId: string, label: string, value: string, hint?: string): types.Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: label, emoji: true },
    value,
    ...(hint && { accessibility_label: hint }),
  };
}

function emptyText(request: TrunkRequest, page: TrunkPage, suggestions: Suggestion[] | undefined): string {
  if (page.total > 0 && request.page > page.pages) {
    return `Page ${request.page} is past the end: there ${page.pages === 1 ? 'is 1 page' : `are ${page.pages} pages`}.`;
  }
  // "No outgoing trunks …", but "No SIP trunks …".
  const described = describeRequest(request).replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase());
  const lines = [`No ${escapeMrkdwn(described)}.`];
  for (const s of suggestions?.slice(0, 3) ?? []) {
    const trunks = s.count === 1 ? '1 trunk has' : `${s.count} trunks have`;
    lines.push(
      `• ${trunks} ${escapeMrkdwn(s.field)} *${escapeClip(oneLine(s.value), 80)}*: press the button below to list them.`,
    );
  }
  if (lines.length === 1) lines.push(SEARCHED_FIELDS);
  return lines.join('\n');
}

const SEARCHED_FIELDS =
  'Plain words search trunk names. For the rest, say which field: `ip:203.0.113.25`, `number:+442079460122`, `id:5000004`, `account:acme_5000001`, `group:billing`, `prefix:403`, `down`, `changed:6h` — or `/trunks help`.';

function fallbackText(filters: string, count: string, records: TrunkPage['records']): string {
  const names = records.map((t) => {
    const state = t.gatewayUp === null ? '' : t.gatewayUp ? ' (up)' : ' (down)';
    return `${escapeClip(oneLine(t.name ?? '(unnamed)'), 60)}${state}`;
  });
  // `count` is ours (it may hold a <@user> mention on purpose); filters and names are escaped.
  const head = `${escapeMrkdwn(capitalise(filters))}: ${count}`;
  return truncateSafely(names.length > 0 ? `${head} — ${names.join(', ')}` : head, MAX_FALLBACK);
}

/** Cuts at a separator so no entity or mention is split. */
function truncateSafely(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(', ', max - 2);
  return `${text.slice(0, cut > 0 ? cut : max - 1)}…`;
}
