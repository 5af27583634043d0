import { z } from 'zod';

/** Trunk direction as the vendor encodes it. */
export const TRUNK_TYPE = { outgoing: 1, incoming: 2 } as const;
export type TrunkType = (typeof TRUNK_TYPE)[keyof typeof TRUNK_TYPE];

const nullableString = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : String(v)));

// The docs name the group id `voiceGroupId`, the example sends `groupId`: accept either.
const groupSchema = z
  .looseObject({
    voiceGroupId: z.union([z.number(), z.string()]).nullish(),
    groupId: z.union([z.number(), z.string()]).nullish(),
    groupName: nullableString,
    number: nullableString,
  })
  .transform((g) => ({
    groupId: g.voiceGroupId ?? g.groupId ?? null,
    groupName: g.groupName,
    number: g.number,
  }));

/** One SIP trunk record, tolerant of the vendor's nulls and extra keys. `sipPassword` is dropped on arrival. */
export const trunkSchema = z
  .looseObject({
    keyId: z.union([z.number(), z.string()]),
    sipTrunkName: nullableString,
    type: z.coerce.number().nullish(),
    state: z.coerce.number().nullish(),
    sipTrunkState: z.union([z.boolean(), z.number(), z.string()]).nullish(),
    sipGatewayIp: nullableString,
    sipWhiteIp: nullableString,
    sipPrefix: nullableString,
    ccIp: nullableString,
    sipAccount: nullableString,
    createTime: nullableString,
    updateTime: nullableString,
    groupList: z.array(groupSchema).nullish(),
  })
  .transform((r) => ({
    keyId: r.keyId,
    name: r.sipTrunkName,
    type: r.type ?? null,
    enabled: r.state === null || r.state === undefined ? null : r.state === 1,
    gatewayUp: toBool(r.sipTrunkState),
    gatewayIp: r.sipGatewayIp,
    whiteIp: r.sipWhiteIp,
    prefix: r.sipPrefix,
    ccIp: r.ccIp,
    sipAccount: r.sipAccount,
    createTime: r.createTime,
    updateTime: r.updateTime,
    groups: r.groupList ?? [],
  }));

export type Trunk = z.output<typeof trunkSchema>;

function toBool(v: boolean | number | string | null | undefined): boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  return v.toLowerCase() === 'true' || v === '1';
}

const pageSchema = z.looseObject({
  total: z.coerce.number().int().nonnegative(),
  size: z.coerce.number().int().nonnegative(),
  current: z.coerce.number().int().nonnegative(),
  pages: z.coerce.number().int().nonnegative(),
  records: z.array(trunkSchema).nullish().transform((r) => r ?? []),
});

export type TrunkPage = z.output<typeof pageSchema>;

/** The vendor envelope. `status` arrives as `"0"` or `0`. */
export const envelopeSchema = z.looseObject({
  status: z.union([z.string(), z.number()]).transform((s) => Number(s)),
  reason: z.string().nullish(),
  data: z.unknown().nullish(),
});

export const pageDataSchema = pageSchema;

/** What the bot sends as `params`. */
export interface TrunkFilter {
  type?: TrunkType;
  sipTrunkName?: string;
}
