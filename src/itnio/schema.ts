import * as z from 'zod';
import type { Trunk, TrunkType } from '../trunks/trunk.js';

// Control characters (which JSON would blow up six-fold) and line separators.
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

/** Vendor text made safe to carry: valid UTF-16, and control characters (which JSON would blow up six-fold) as spaces. */
export function cleanText(value: string): string {
  // Most vendor text is clean already: it is kept as it is rather than copied twice.
  if (value.isWellFormed() && !CONTROL.test(value)) return value;
  return value.toWellFormed().replace(CONTROLS, ' ');
}

// Vendor fields are documented as strings but arrive as numbers, nulls or not at all: read what is there.
// The schemas below check each record's shape; these readers turn its loosely typed fields into the
// domain's, once per field, inside one transform per record (a transform per field allocated ~4 KB per record).
const text = (v: unknown): string | null =>
  typeof v === 'string' ? cleanText(v) : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;

const id = (v: unknown): string | number | null =>
  typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? cleanText(v) : null;

/** Reads a documented integer code (`1`, `"1"`); anything else is unknown rather than an error. */
function code<T extends number>(v: unknown, ...allowed: T[]): T | null {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return (allowed as unknown[]).includes(n) ? (n as T) : null;
}

function flag(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === '1' || v === 'true') return true;
  if (v === 0 || v === '0' || v === 'false') return false;
  return null;
}

const field = z.unknown().optional();

// The docs name the group id `voiceGroupId`, the example sends `groupId`: accept either.
const groupSchema = z
  .object({ voiceGroupId: field, groupId: field, groupName: field, number: field })
  .transform((g) => ({
    groupId: id(g.voiceGroupId) ?? id(g.groupId),
    groupName: text(g.groupName),
    number: text(g.number),
  }));

/** One SIP trunk record, tolerant of the vendor's nulls, odd types and extra keys. `sipPassword` is dropped on arrival. */
export const trunkSchema = z
  .object({
    keyId: field,
    sipTrunkName: field,
    type: field,
    state: field,
    sipTrunkState: field,
    sipGatewayIp: field,
    sipWhiteIp: field,
    sipPrefix: field,
    ccIp: field,
    sipAccount: field,
    createTime: field,
    updateTime: field,
    groupList: z.array(z.unknown()).nullish(),
  })
  .transform((r): Trunk => {
    const state = code(r.state, 0, 1);
    return {
      keyId: id(r.keyId),
      name: text(r.sipTrunkName),
      type: code<TrunkType>(r.type, 1, 2),
      enabled: state === null ? null : state === 1,
      gatewayUp: flag(r.sipTrunkState),
      gatewayIp: text(r.sipGatewayIp),
      whiteIp: text(r.sipWhiteIp),
      prefix: text(r.sipPrefix),
      ccIp: text(r.ccIp),
      sipAccount: text(r.sipAccount),
      createTime: text(r.createTime),
      updateTime: text(r.updateTime),
      groups: (r.groupList ?? []).flatMap((g) => {
        const parsed = groupSchema.safeParse(g);
        return parsed.success ? [parsed.data] : [];
      }),
    };
  });

const count = z
  .unknown()
  .optional()
  .transform((v) => {
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null;
  });

/** The page envelope inside `data`; records are parsed one by one so one odd record cannot sink the page. */
export const pageDataSchema = z.looseObject({
  total: count,
  size: count,
  current: count,
  pages: count,
  records: z.array(z.unknown()).nullish(),
});

/** The vendor envelope. `status` arrives as `"0"` or `0`. */
export const envelopeSchema = z.looseObject({
  status: z
    .union([z.string(), z.number()])
    .transform((s) => (typeof s === 'string' && s.trim() === '' ? NaN : Number(s))),
  // A reason that is not text (the vendor once sent a number) must not hide the status beside it.
  reason: z
    .unknown()
    .optional()
    .transform((r) => (typeof r === 'string' ? cleanText(r) : r === null || r === undefined ? null : String(r))),
  data: z.unknown().nullish(),
});

/** What the bot sends as `params`. */
export interface TrunkFilter {
  type?: TrunkType;
  sipTrunkName?: string;
}
