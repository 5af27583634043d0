import type { types } from '@slack/bolt';
import { ACTION, homeQueryAction } from '../trunks/action-ids.js';
import type { ButtonSeal } from '../trunks/button-seal.js';
import { type Block, context, type SlackMessage } from '../trunks/message.js';
import { encodePageState } from '../trunks/page-state.js';
import { slackDate } from '../trunks/slack-text.js';
import type { Trunk } from '../trunks/trunk.js';
import type { TrunkRequest } from '../trunks/trunk-request.js';
import type { Direction, EnabledState, StateCounts } from '../trunks/trunk-stats.js';
import { formatCount } from '../trunks/slack-text.js';
import { button, HOME_SHOWN } from './home-blocks.js';
import { HOME_QUERIES, type HomeFacts } from './home-facts.js';
import { changedList, downList, watchList } from './home-lists.js';

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
        run(1, `Down (${formatCount(stats.down)})`, HOME_QUERIES.down, 'List the enabled trunks whose gateway is down'),
        run(
          2,
          `Changed in 24 h (${formatCount(facts.changed.length)})`,
          HOME_QUERIES.changed,
          'List what changed lately',
        ),
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
  const text = `${formatCount(stats.total)} trunks · ${formatCount(stats.down)} down · ${formatCount(stats.changedLast24h)} changed in the last 24 h`;
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
  return fields.map(([label, n]) => ({ type: 'mrkdwn', text: `*${label}*\n${formatCount(n)}` }));
}

function asOf(fetchedAt: Date, unreadable: number): string {
  const when = slackDate(fetchedAt, '{date_short_pretty} {time_secs}', fetchedAt.toISOString());
  const skipped =
    unreadable > 0
      ? `  ·  :warning: ${formatCount(unreadable)} ${unreadable === 1 ? 'record' : 'records'} from ITNIO could not be read`
      : '';
  return `Data from ITNIO as of ${when}${skipped}`;
}

function sum(values: number[] | Record<string, number>): number {
  return (Array.isArray(values) ? values : Object.values(values)).reduce((a, b) => a + b, 0);
}
