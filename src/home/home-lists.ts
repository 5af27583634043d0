import type { types } from '@slack/bolt';
import { ACTION } from '../trunks/action-ids.js';
import type { ButtonSeal } from '../trunks/button-seal.js';
import { requestLabel } from '../trunks/describe-request.js';
import { type Block, context, section } from '../trunks/message.js';
import { gatewayEmoji } from '../trunks/render-card.js';
import { bold, code, escapeClip, escapeMrkdwn, oneLine, slackDate } from '../trunks/slack-text.js';
import { type Trunk, typeLabel } from '../trunks/trunk.js';
import { encodeTrunkRef } from '../trunks/trunk-ref.js';
import type { Watch } from '../watch/watch-book.js';
import { encodeWatchRef } from '../watch/watch-ref.js';
import { formatCount } from '../trunks/slack-text.js';
import { button, HOME_SHOWN } from './home-blocks.js';
import type { HomeFacts } from './home-facts.js';

/** Runs a list's whole query privately: the "List all N" button after a cut list. */
export type ListAll = (label: string, hint: string) => types.Button;

/** The enabled trunks whose gateway is down, the first HOME_SHOWN.down with Details, then how many more. */
export function downList(trunks: Trunk[], seal: ButtonSeal, listAll: ListAll): Block[] {
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
    section(`*Enabled, gateway down* (${formatCount(trunks.length)})`),
    ...items,
    ...more(
      trunks.length - items.length,
      `List all ${formatCount(trunks.length)}`,
      listAll,
      'enabled trunks with the gateway down',
    ),
  ];
}

/** What changed in the last 24 h, newest first, the first HOME_SHOWN.changed with Details, then how many more. */
export function changedList(
  changed: HomeFacts['changed'],
  timeZone: string,
  seal: ButtonSeal,
  listAll: ListAll,
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
    section(`*Changed in the last 24 h* (${formatCount(changed.length)})`),
    ...items,
    ...more(changed.length - items.length, `List all ${formatCount(changed.length)}`, listAll, 'trunks changed lately'),
  ];
}

/** The user's watches, each with Remove; undefined is a watch book that could not be read. */
export function watchList(watches: Watch[] | undefined, seal: ButtonSeal): Block[] {
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
      text: { type: 'mrkdwn', text: `${requestLabel(watch)} in <#${watch.channel}> · since ${since}${paused}` },
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
    ...(left > 0
      ? [context(`…and ${formatCount(left)} more: \`/trunks watching\` in a channel lists its watches.`)]
      : []),
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

function more(left: number, label: string, listAll: ListAll, what: string): Block[] {
  if (left <= 0) return [];
  return [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `…and ${formatCount(left)} more ${what}.` },
      accessory: listAll(label, 'List them all in a direct message'),
    },
  ];
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
