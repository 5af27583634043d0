import { hasAddress } from './find-ips.js';
import { bold, capitalise, code, escapeClip, oneLine, slackDate } from './slack-text.js';
import type { Trunk } from './trunk.js';
import { typeLabel } from './trunk.js';
import { parseVendorTime } from './vendor-time.js';

const MAX_NAME = 80;
const MAX_GROUPS_SHOWN = 4;
const MAX_GROUP_NAME = 32;

/** The status emoji for a trunk's gateway. */
export function gatewayEmoji(up: boolean | null): string {
  return up === null ? ':white_circle:' : up ? ':large_green_circle:' : ':red_circle:';
}

/** A trunk's name for a line of mrkdwn: bold, escaped, on one line and clipped; `(unnamed trunk)` when it has none. */
export function trunkName(trunk: { name: string | null }): string {
  const name = trunk.name === null || trunk.name.trim() === '' ? '(unnamed trunk)' : trunk.name;
  return bold(escapeClip(oneLine(name), MAX_NAME));
}

/**
 * One trunk as a compact mrkdwn card: empty fields left out, the gateway state said once, odd vendor
 * values flagged. Every value is clipped after escaping, so a card stays under ~1,000 characters.
 */
export function renderCard(trunk: Trunk, timeZone: string): string {
  const direction = trunk.type === 1 || trunk.type === 2 ? capitalise(typeLabel(trunk.type)) : 'Unknown direction';
  const state = trunk.enabled === null ? 'state unknown' : trunk.enabled ? 'enabled' : '*disabled*';
  const gateway = trunk.gatewayUp === null ? 'gateway unknown' : trunk.gatewayUp ? 'gateway up' : '*gateway down*';

  const addresses = [
    labelled('Gateway', trunk.gatewayIp),
    labelled('Whitelist', trunk.whiteIp),
    labelled('Call-center IP', trunk.ccIp),
    labelled('Prefix', trunk.prefix),
  ].filter((part) => part !== undefined);
  const account = labelled('SIP account', trunk.sipAccount);
  const groupList = trunk.groups.length > 0 ? `Groups: ${groups(trunk.groups)}` : undefined;
  const warnings = oddities(trunk);

  const lines = [
    `${gatewayEmoji(trunk.gatewayUp)} ${trunkName(trunk)}  ·  ${direction} · ${state} · ${gateway}`,
    addresses.join('  ·  '),
    [account, groupList].filter((part) => part !== undefined).join('  ·  '),
    `Updated ${when(trunk.updateTime ?? trunk.createTime, timeZone)}  ·  ID ${code(String(trunk.keyId), 20)}`,
    warnings.length > 0 ? `:warning: ${warnings.join(' · ')}` : '',
  ];
  return lines.filter((line) => line !== '').join('\n');
}

function labelled(label: string, v: string | null): string | undefined {
  return v === null || v.trim() === '' ? undefined : `${label} ${code(v, 40)}`;
}

/** Vendor values that look fine but are not: shown, and said to be odd. */
function oddities(trunk: Trunk): string[] {
  const out: string[] = [];
  for (const [label, field] of [
    ['gateway', trunk.gatewayIp],
    ['whitelist', trunk.whiteIp],
    ['call-center IP', trunk.ccIp],
  ] as const) {
    if (field !== null && field.trim() !== '' && !hasAddress(field)) {
      out.push(`the ${label} value is not an IP address`);
    }
  }
  if (trunk.gatewayUp === true && (trunk.gatewayIp === null || trunk.gatewayIp.trim() === '')) {
    out.push('ITNIO says the gateway is up, but the trunk has no gateway IP');
  }
  return out;
}

function groups(list: Trunk['groups']): string {
  const shown = list.slice(0, MAX_GROUPS_SHOWN).map((g) => {
    const name = escapeClip(oneLine(g.groupName ?? `group ${g.groupId ?? '?'}`), MAX_GROUP_NAME);
    return g.number ? `${name} ${code(g.number, 24)}` : name;
  });
  const more = list.length - shown.length;
  return more > 0 ? `${shown.join(', ')} … +${more} more` : shown.join(', ');
}

function when(raw: string | null, timeZone: string): string {
  if (raw === null) return 'unknown';
  const date = parseVendorTime(raw, timeZone);
  if (!date) return escapeClip(oneLine(raw), 30);
  return slackDate(date, '{date_short_pretty} {time}', `${oneLine(raw)} ${timeZone}`);
}
