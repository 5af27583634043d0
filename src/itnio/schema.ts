import { z } from 'zod';
import type { Trunk, TrunkType } from '../trunks/trunk.js';

/** Vendor text made safe to carry: valid UTF-16, and control characters (which JSON would blow up six-fold) as spaces. */
export function cleanText(value: string): string {
  return value.toWellFormed().replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, ' ');
}

// Vendor fields are documented as strings but arrive as numbers, nulls or not at all: read what is there.
const text = z
  .unknown()
  .optional()
  .transform((v) =>
    typeof v === 'string' ? cleanText(v) : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null,
  );

const id = z
  .unknown()
  .optional()
  .transform((v) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? cleanText(v) : null));

/** Reads a documented integer code (`1`, `"1"`); anything else is unknown rather than an error. */
const code = <T extends number>(...allowed: T[]) =>
  z
    .unknown()
    .optional()
    .transform((v) => {
      const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
      return (allowed as unknown[]).includes(n) ? (n as T) : null;
    });

const flag = z
  .unknown()
  .optional()
  .transform((v) => {
    if (typeof v === 'boolean') return v;
    if (v === 1 || v === '1' || v === 'true') return true;
    if (v === 0 || v === '0' || v === 'false') return false;
    return null;
  });

// The docs name the group id `voiceGroupId`, the example sends `groupId`: accept either.
const groupSchema = z
  .looseObject({ voiceGroupId: id, groupId: id, groupName: text, number: text })
  .transform((g) => ({ groupId: g.voiceGroupId ?? g.groupId ?? null, groupName: g.groupName, number: g.number }));

/** One SIP trunk record, tolerant of the vendor's nulls, odd types and extra keys. `sipPassword` is dropped on arrival. */
export const trunkSchema = z
  .looseObject({
    keyId: id,
    sipTrunkName: text,
    type: code(1, 2),
    state: code(0, 1),
    sipTrunkState: flag,
    sipGatewayIp: text,
    sipWhiteIp: text,
    sipPrefix: text,
    ccIp: text,
    sipAccount: text,
    createTime: text,
    updateTime: text,
    groupList: z.array(z.unknown()).nullish(),
  })
  .transform(
    (r): Trunk => ({
      keyId: r.keyId,
      name: r.sipTrunkName,
      type: r.type,
      enabled: r.state === null ? null : r.state === 1,
      gatewayUp: r.sipTrunkState,
      gatewayIp: r.sipGatewayIp,
      whiteIp: r.sipWhiteIp,
      prefix: r.sipPrefix,
      ccIp: r.ccIp,
      sipAccount: r.sipAccount,
      createTime: r.createTime,
      updateTime: r.updateTime,
      groups: (r.groupList ?? []).flatMap((g) => {
        const parsed = groupSchema.safeParse(g);
        return parsed.success ? [parsed.data] : [];
      }),
    }),
  );

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
