import type { ButtonSeal } from '../trunks/button-seal.js';
import { ACTION } from '../trunks/action-ids.js';
import type { Block, SlackMessage } from '../trunks/message.js';
import { trunkName } from '../trunks/render-card.js';
import { code, escapeClip, oneLine, slackDate } from '../trunks/slack-text.js';
import { type Trunk, typeLabel } from '../trunks/trunk.js';
import { encodeTrunkRef } from '../trunks/trunk-ref.js';
import type { TrunkChange, WatchedField } from './diff-snapshots.js';
import type { Incident } from './watch-state.js';

const MAX_NAME = 80;
const MAX_INCIDENTS_SHOWN = 10;
const MAX_LINE = 290; // ten lines stay inside a section's 3,000 characters

const FIELD_WORDS: Record<Exclude<WatchedField, 'gateway' | 'enabled' | 'credentials' | 'groups'>, string> = {
  name: 'name',
  type: 'direction',
  gatewayIp: 'gateway IP',
  whiteIp: 'whitelist IP',
  ccIp: 'call-center IP',
  prefix: 'prefix',
  sipAccount: 'SIP account',
};

function fieldValue(trunk: Trunk, field: keyof typeof FIELD_WORDS): string {
  const value = field === 'type' ? (trunk.type === null ? null : typeLabel(trunk.type)) : trunk[field];
  return value === null || value === '' ? '_none_' : code(String(value), 60);
}

/** "12 min", "2 h 5 min", "less than a minute". */
export function duration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** A time of day each reader sees in their own zone (UTC for clients that cannot). */
export function timeOf(epochMs: number): string {
  const date = new Date(epochMs);
  return slackDate(date, '{time}', `${date.toISOString().slice(11, 16)} UTC`);
}

/** One line for a config change: added, removed, enabled, disabled or fields changed. Never shows credentials. */
export function changeLine(change: TrunkChange): string {
  if (change.kind === 'added') {
    const t = change.trunk;
    const facts = [t.type === null ? undefined : typeLabel(t.type), t.gatewayIp && `gateway ${code(t.gatewayIp, 60)}`];
    return `➕ New trunk ${trunkName(t)}${facts.some(Boolean) ? ` · ${facts.filter(Boolean).join(' · ')}` : ''}`;
  }
  if (change.kind === 'removed') return `➖ Removed from ITNIO: ${trunkName(change.before)}`;
  const { trunk, before, fields } = change;
  const parts: string[] = [];
  if (fields.includes('enabled')) parts.push(trunk.enabled ? 'enabled' : 'disabled');
  for (const field of fields) {
    if (Object.hasOwn(FIELD_WORDS, field)) {
      const key = field as keyof typeof FIELD_WORDS;
      parts.push(`${FIELD_WORDS[key]} ${fieldValue(before, key)} → ${fieldValue(trunk, key)}`);
    }
  }
  if (fields.includes('groups')) parts.push(`agent groups changed (${before.groups.length} → ${trunk.groups.length})`);
  if (fields.includes('credentials')) parts.push('credentials changed');
  const emoji = fields.includes('enabled') ? (trunk.enabled ? '▶️' : '⏸️') : '✏️';
  return joinWithin(`${emoji} ${fields.includes('name') ? trunkName(before) : trunkName(trunk)}: `, parts);
}

/** A gateway back up that the bot never saw go down (it was down before watching began). */
export function gatewayUpLine(trunk: Trunk): string {
  return `✅ Gateway up again: ${trunkName(trunk)}`;
}

/** An incident as its line in the alert: down (and how often), or how it ended. */
export function incidentLine(incident: Incident): string {
  const where = incident.gatewayIp ? ` (${code(incident.gatewayIp, 60)})` : '';
  const name = `${trunkName(incident)}${where}`;
  const flaps = incident.downs > 1 ? `flapping: down ${incident.downs} times since ${timeOf(incident.since)}` : '';
  if (incident.down) {
    return incident.downs > 1
      ? `🔴 *Gateway down:* ${name} · ${flaps}, down again since ${timeOf(incident.downAt)}`
      : `🔴 *Gateway down:* ${name} since ${timeOf(incident.since)}`;
  }
  const ended = incident.endedAt ?? incident.downAt;
  if (incident.endedBy === 'disabled') return `⏸️ ${name}: disabled while its gateway was down`;
  if (incident.endedBy === 'removed') return `➖ ${name}: removed from ITNIO while its gateway was down`;
  return incident.downs > 1
    ? `✅ ${name} is up again · ${flaps}`
    : `✅ ${name}: recovered after ${duration(ended - incident.downAt)} (down since ${timeOf(incident.since)})`;
}

/** The short thread reply when an incident ends or starts flapping. */
export function incidentReply(incident: Incident, at: number): string {
  if (incident.down) return `⚠️ ${trunkName(incident)} went down again at ${timeOf(incident.downAt)}: it is flapping.`;
  const ended = incident.endedAt ?? at;
  if (incident.endedBy === 'disabled') return `⏸️ ${trunkName(incident)} was disabled while its gateway was down.`;
  if (incident.endedBy === 'removed')
    return `➖ ${trunkName(incident)} was removed from ITNIO while its gateway was down.`;
  return `✅ ${trunkName(incident)} recovered after ${duration(ended - incident.downAt)}.`;
}

/** One incident as a message shows it: live from its state, or the last line of one that is over. */
export interface AlertItem {
  trunkId: string;
  text: string;
  incident?: Incident;
}

export interface AlertPostView {
  channel: string;
  items: AlertItem[];
  lines: string[];
  more: number;
  seal: ButtonSeal;
}

/** One alert message: each incident with Details and Share… buttons, the change lines, and how many more were not listed. */
export function renderAlertPost({ channel, items, lines, more, seal }: AlertPostView): SlackMessage {
  const shown = items.slice(0, MAX_INCIDENTS_SHOWN);
  const hidden = items.length - shown.length + more;
  // Two blocks per incident: ten incidents, the change lines and the footer stay at 22 of Slack's 50.
  const blocks: Block[] = shown.flatMap((item): Block[] => {
    // The alert's channel travels sealed with the trunk: Share… names it as where the share came from.
    const value = encodeTrunkRef({ id: item.trunkId, channel }, seal);
    return [
      { type: 'section', text: { type: 'mrkdwn', text: item.text } },
      {
        type: 'actions',
        // action_ids repeat from one incident's row to the next; Slack wants them unique only within a block.
        elements: [
          { type: 'button', action_id: ACTION.details, text: { type: 'plain_text', text: 'Details' }, value },
          {
            type: 'button',
            action_id: ACTION.shareToChannel,
            text: { type: 'plain_text', text: 'Share…' },
            value,
            accessibility_label: 'Post this trunk into a channel you pick, with a note',
          },
        ],
      },
    ];
  });
  if (lines.length > 0) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } });
  const footer = hidden > 0 ? `…and ${hidden} more: \`/trunks down\` or \`/trunks changed:1h\` lists them. ` : '';
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `${footer}This channel watches trunks: \`/trunks watching\` to see or stop.` }],
  });
  return { text: summaryText(items, lines.length + more), blocks };
}

/** The notification text: what a phone's lock screen shows. Escaped like the blocks, so a name cannot ping. */
function summaryText(items: AlertItem[], changes: number): string {
  const down = items.filter((i) => i.incident?.down).length;
  const [only] = items;
  if (items.length === 1 && changes === 0 && only!.incident) {
    const name = escapeClip(oneLine(only!.incident.name ?? '(unnamed trunk)'), MAX_NAME);
    return only!.incident.down ? `🔴 Gateway down: ${name}` : `✅ ${name}: gateway trouble over`;
  }
  const parts = [];
  if (down > 0) parts.push(`🔴 ${down} gateway${down === 1 ? '' : 's'} down`);
  if (items.length > down) parts.push(`✅ ${items.length - down} recovered`);
  if (changes > 0) parts.push(`${changes} trunk change${changes === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

/** `head` and as many whole parts as fit in a line; cutting inside one could break its mrkdwn. */
function joinWithin(head: string, parts: string[]): string {
  let line = head;
  for (const [i, part] of parts.entries()) {
    const next = `${line}${i === 0 ? '' : ' · '}${part}`;
    if (next.length > MAX_LINE - 20) return `${line} · +${parts.length - i} more`;
    line = next;
  }
  return line;
}
