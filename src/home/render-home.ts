import type { types } from '@slack/bolt';
import { ACTION, homeQueryAction } from '../trunks/action-ids.js';
import type { ButtonSeal } from '../trunks/button-seal.js';
import type { Block, SlackMessage } from '../trunks/message.js';
import { encodePageState } from '../trunks/page-state.js';
import { gatewayEmoji } from '../trunks/render-card.js';
import { bold, code, escapeClip, escapeMrkdwn, oneLine, slackDate } from '../trunks/slack-text.js';
import { type Trunk, typeLabel } from '../trunks/trunk.js';
import { encodeTrunkRef } from '../trunks/trunk-ref.js';
import type { TrunkRequest } from '../trunks/trunk-request.js';
import type { Direction, EnabledState, StateCounts } from '../trunks/trunk-stats.js';
import { watchLabel } from '../watch/render-watches.js';
import type { Watch } from '../watch/watch-book.js';
import { encodeWatchRef } from '../watch/watch-ref.js';
import { HOME_QUERIES, type HomeFacts } from './home-facts.js';

/**
 * How many of each list the Home tab shows before "…and N more" and a button that runs the whole query.
 * With the fixed blocks and a note this stays near 60 blocks, well under Slack's 100 for a view, and each
 * item is a short section, so no text comes near 3,000 characters nor the view near Slack's 250 kB.
 */
export const HOME_SHOWN = { down: 15, changed: 10, watches: 20, noteBlocks: 3 } as const;

const TITLE = 'SIP trunks at a glance';

export interface RenderHomeOptions {
  facts: HomeFacts;
  fetchedAt: Date;
  /** Zone the vendor's times are in. */
  timeZone: string;
  seal: ButtonSeal;
  /** Records of the snapshot that could not be read (left out of every count). */
  unreadable: number;
  /** Shown first: what became of the button the user just pressed, when it did not simply work. */
  note?: SlackMessage;
}

/** The trunks the Home tab names, for the audit trail. */
export function shownOnHome(facts: HomeFacts): Trunk[] {
  return [
    ...facts.stats.downTrunks.slice(0, HOME_SHOWN.down),
    ...facts.changed.slice(0, HOME_SHOWN.changed).map((c) => c.trunk),
  ];
}

/** One user's Home tab: counts, the trunks down and changed lately (each with Details), their watches (each with Remove). */
export function renderHome(options: RenderHomeOptions): SlackMessage {
  const { facts, fetchedAt, seal } = options;
  const { stats } = facts;
  const run = (n: number, label: string, request: TrunkRequest, hint: string) =>
    button(homeQueryAction(n), label, encodePageState({ request }, seal), hint);
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: TITLE, emoji: false } },
    ...(options.note?.blocks.slice(0, HOME_SHOWN.noteBlocks) ?? []),
    context(asOf(fetchedAt, options.unreadable)),
    { type: 'section', fields: countFields(stats.counts, stats.total, stats.down, stats.changedLast24h) },
    {
      type: 'actions',
      block_id: 'home_queries',
      elements: [
        run(1, `Down (${count(stats.down)})`, HOME_QUERIES.down, 'List the enabled trunks whose gateway is down'),
        run(2, `Changed in 24 h (${count(facts.changed.length)})`, HOME_QUERIES.changed, 'List what changed lately'),
        run(3, 'Stats', HOME_QUERIES.stats, 'A summary by direction, state and gateway'),
        button(ACTION.homeRefresh, '↻ Refresh', 'refresh', 'Collect every trunk from ITNIO again'),
      ],
    },
    context(
      '*Down*, *Changed* and *Stats* answer in a direct message from trunkbot (its Messages tab), with paging and Details.',
    ),
    { type: 'divider' },
    ...downList(stats.downTrunks, seal, (label, hint) => run(4, label, HOME_QUERIES.down, hint)),
    { type: 'divider' },
    ...changedList(facts.changed, options.timeZone, seal, (label, hint) => run(5, label, HOME_QUERIES.changed, hint)),
    { type: 'divider' },
    ...watchList(facts.watches, seal),
  ];
  const text = `${count(stats.total)} trunks · ${count(stats.down)} down · ${count(stats.changedLast24h)} changed in the last 24 h`;
  return { text, blocks };
}

/** A notice on the Home tab (a refusal, a failure, progress), with a way to try again. */
export function renderHomeNotice(message: SlackMessage): SlackMessage {
  return {
    text: message.text,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: TITLE, emoji: false } },
      ...message.blocks.slice(0, HOME_SHOWN.noteBlocks),
      {
        type: 'actions',
        block_id: 'home_retry',
        elements: [button(ACTION.homeRefresh, '↻ Refresh', 'refresh', 'Try again')],
      },
    ],
  };
}

/** A rendered Home as the view views.publish takes. */
export function homeView(message: SlackMessage): types.HomeView {
  return { type: 'home', blocks: message.blocks };
}

function countFields(counts: StateCounts, total: number, down: number, changed: number): types.MrkdwnElement[] {
  const inDirection = (d: Direction) => sum(Object.values(counts[d]).map(sum));
  const inState = (state: EnabledState) => sum(Object.values(counts).map((byState) => sum(byState[state])));
  const fields: [string, number][] = [
    ['Trunks', total],
    ['Down (enabled, gateway down)', down],
    ['Outgoing', inDirection('outgoing')],
    ['Incoming', inDirection('incoming')],
    ['Enabled', inState('enabled')],
    ['Disabled', inState('disabled')],
    ['Changed in 24 h', changed],
  ];
  // ITNIO's odd records get counts of their own, so that the others still add up to the total.
  if (inDirection('unknown') > 0) fields.push(['Unknown direction', inDirection('unknown')]);
  if (inState('unknown') > 0) fields.push(['State unknown', inState('unknown')]);
  return fields.map(([label, n]) => ({ type: 'mrkdwn', text: `*${label}*\n${count(n)}` }));
}

function downList(trunks: Trunk[], seal: ButtonSeal, listAll: (label: string, hint: string) => types.Button): Block[] {
  if (trunks.length === 0) {
    return [section('*Enabled, gateway down*\n:large_green_circle: None: every enabled trunk’s gateway is up.')];
  }
  const items = trunks.slice(0, HOME_SHOWN.down).map((trunk) => {
    const gateway = trunk.gatewayIp ? ` · gateway ${code(trunk.gatewayIp, 40)}` : '';
    return withDetails(
      `${gatewayEmoji(false)} ${nameOf(trunk)} · ${direction(trunk)}${gateway} · ID ${id(trunk)}`,
      trunk,
      seal,
    );
  });
  return [
    section(`*Enabled, gateway down* (${count(trunks.length)})`),
    ...items,
    ...more(
      trunks.length - items.length,
      `List all ${count(trunks.length)}`,
      listAll,
      'enabled trunks with the gateway down',
    ),
  ];
}

function changedList(
  changed: HomeFacts['changed'],
  timeZone: string,
  seal: ButtonSeal,
  listAll: (label: string, hint: string) => types.Button,
): Block[] {
  if (changed.length === 0) return [section('*Changed in the last 24 h*\nNothing changed.')];
  const items = changed.slice(0, HOME_SHOWN.changed).map(({ trunk, at }) => {
    const when =
      at === undefined
        ? 'unknown'
        : slackDate(new Date(at), '{date_short_pretty} {time}', `${oneLine(trunk.updateTime ?? '')} ${timeZone}`);
    return withDetails(
      `${gatewayEmoji(trunk.gatewayUp)} ${nameOf(trunk)} · changed ${when} · ID ${id(trunk)}`,
      trunk,
      seal,
    );
  });
  return [
    section(`*Changed in the last 24 h* (${count(changed.length)})`),
    ...items,
    ...more(changed.length - items.length, `List all ${count(changed.length)}`, listAll, 'trunks changed lately'),
  ];
}

function watchList(watches: Watch[] | undefined, seal: ButtonSeal): Block[] {
  const title = '*Your watches*';
  if (watches === undefined) {
    return [section(`${title}\n:warning: Your watches could not be read just now. Press *↻ Refresh* to try again.`)];
  }
  if (watches.length === 0) {
    return [
      section(
        `${title}\nYou have set up no watches. Type \`/trunks watch acme\` in a channel and trunkbot alerts it when those trunks go down or change.`,
      ),
    ];
  }
  const items: Block[] = watches.slice(0, HOME_SHOWN.watches).map((watch) => {
    const since = slackDate(
      new Date(watch.createdAt),
      '{date_short_pretty}',
      new Date(watch.createdAt).toISOString().slice(0, 10),
    );
    const paused = watch.disabled
      ? `\n⏸️ _Paused: Slack refused alerts there (${escapeMrkdwn(watch.disabled.reason)})._`
      : '';
    return {
      type: 'section',
      text: { type: 'mrkdwn', text: `${watchLabel(watch)} in <#${watch.channel}> · since ${since}${paused}` },
      accessory: button(
        ACTION.unwatch,
        'Remove',
        encodeWatchRef({ id: watch.id, channel: watch.channel }, seal),
        'Stop this watch and tell its channel',
      ),
    };
  });
  const left = watches.length - items.length;
  return [
    section(`${title} (${watches.length}) · each alerts its channel; *Remove* stops it and tells the channel`),
    ...items,
    ...(left > 0 ? [context(`…and ${count(left)} more: \`/trunks watching\` in a channel lists its watches.`)] : []),
  ];
}

function withDetails(text: string, trunk: Trunk, seal: ButtonSeal): Block {
  if (trunk.keyId === null) return section(text);
  return {
    type: 'section',
    text: { type: 'mrkdwn', text },
    accessory: button(
      ACTION.details,
      'Details',
      encodeTrunkRef({ id: String(trunk.keyId) }, seal),
      'Show this trunk in full',
    ),
  };
}

function more(
  left: number,
  label: string,
  listAll: (label: string, hint: string) => types.Button,
  what: string,
): Block[] {
  if (left <= 0) return [];
  return [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `…and ${count(left)} more ${what}.` },
      accessory: listAll(label, `List them all in a direct message`),
    },
  ];
}

function asOf(fetchedAt: Date, unreadable: number): string {
  const when = slackDate(fetchedAt, '{date_short_pretty} {time_secs}', fetchedAt.toISOString());
  const skipped =
    unreadable > 0
      ? `  ·  :warning: ${count(unreadable)} ${unreadable === 1 ? 'record' : 'records'} from ITNIO could not be read`
      : '';
  return `Data from ITNIO as of ${when}${skipped}`;
}

function nameOf(trunk: Trunk): string {
  return bold(escapeClip(oneLine(trunk.name ?? '(unnamed trunk)'), 80));
}

function direction(trunk: Trunk): string {
  return trunk.type === 1 || trunk.type === 2 ? typeLabel(trunk.type) : 'unknown direction';
}

function id(trunk: Trunk): string {
  return code(String(trunk.keyId), 20);
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function sum(values: number[] | Record<string, number>): number {
  return (Array.isArray(values) ? values : Object.values(values)).reduce((a, b) => a + b, 0);
}

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function context(text: string): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

function button(actionId: string, label: string, value: string, hint: string): types.Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: label, emoji: true },
    value,
    accessibility_label: hint,
  };
}
