import type { Trunk } from './trunk.js';
import { bold, capitalise, code, escapeClip, oneLine, slackDate } from './slack-text.js';
import { typeLabel } from './trunk.js';
import { parseVendorTime } from './vendor-time.js';

const MAX_NAME = 80;
const MAX_GROUPS_SHOWN = 4;
const MAX_GROUP_NAME = 32;

/** The status emoji for a trunk's gateway. */
export function gatewayEmoji(up: boolean | null): string {
  return up === null ? ':white_circle:' : up ? ':large_green_circle:' : ':red_circle:';
}

/** One trunk as a compact mrkdwn card: every value is clipped after escaping, so a card stays under ~900 characters whatever the data. */
export function renderCard(trunk: Trunk, timeZone: string): string {
  const name = trunk.name === null || trunk.name.trim() === '' ? '(unnamed trunk)' : trunk.name;
  const direction = trunk.type === 1 || trunk.type === 2 ? capitalise(typeLabel(trunk.type)) : 'Unknown direction';
  const state = trunk.enabled === null ? 'state unknown' : trunk.enabled ? 'Enabled' : '*Disabled*';
  const gateway = trunk.gatewayUp === null ? 'unknown' : trunk.gatewayUp ? 'up' : '*down*';

  const lines = [
    `${gatewayEmoji(trunk.gatewayUp)} ${bold(escapeClip(oneLine(name), MAX_NAME))}  ·  ${direction} · ${state}`,
    [
      `Gateway ${gateway} ${value(trunk.gatewayIp)}`,
      `Whitelist ${value(trunk.whiteIp)}`,
      `Prefix ${value(trunk.prefix)}`,
      `CC ${value(trunk.ccIp)}`,
    ].join('   '),
    `SIP account ${value(trunk.sipAccount)}   Groups: ${groups(trunk.groups)}`,
    `Updated ${when(trunk.updateTime ?? trunk.createTime, timeZone)}  ·  ID ${code(String(trunk.keyId), 20)}`,
  ];
  return lines.join('\n');
}

function value(v: string | null): string {
  return v === null || v.trim() === '' ? '—' : code(v);
}

function groups(list: Trunk['groups']): string {
  if (list.length === 0) return 'none';
  const shown = list.slice(0, MAX_GROUPS_SHOWN).map((g) => {
    const name = escapeClip(oneLine(g.groupName ?? `group ${g.groupId ?? '?'}`), MAX_GROUP_NAME);
    return g.number ? `${name} (${escapeClip(oneLine(g.number), 24)})` : name;
  });
  const more = list.length - shown.length;
  return more > 0 ? `${shown.join(', ')} … +${more} more` : shown.join(', ');
}

function when(raw: string | null, timeZone: string): string {
  if (raw === null) return '—';
  const date = parseVendorTime(raw, timeZone);
  if (!date) return escapeClip(oneLine(raw), 30);
  return slackDate(date, '{date_short_pretty} {time}', `${oneLine(raw)} ${timeZone}`);
}
