/** Trunk direction, numbered as ITNIO numbers it (the numbers are also what users may type: `type:1`). */
export const TRUNK_TYPE = { outgoing: 1, incoming: 2 } as const;
export type TrunkType = (typeof TRUNK_TYPE)[keyof typeof TRUNK_TYPE];

/** An agent group a trunk is bound to. */
export interface TrunkGroup {
  groupId: string | number | null;
  groupName: string | null;
  number: string | null;
}

/** One SIP trunk as the bot knows it; `null` where the vendor sent nothing usable. Never holds the SIP password. */
export interface Trunk {
  keyId: string | number | null;
  name: string | null;
  type: TrunkType | null;
  enabled: boolean | null;
  gatewayUp: boolean | null;
  gatewayIp: string | null;
  whiteIp: string | null;
  prefix: string | null;
  ccIp: string | null;
  sipAccount: string | null;
  /** Vendor wall-clock times, `yyyy-MM-dd HH:mm:ss` in the vendor's zone. */
  createTime: string | null;
  updateTime: string | null;
  groups: TrunkGroup[];
  /** A keyed fingerprint of the SIP password, so a change of credentials can be told without keeping them. */
  credentialTag?: string | null;
}

/** A page of trunks; `unreadable` counts records that could not be read and were left out. */
export interface TrunkPage {
  total: number;
  size: number;
  current: number;
  pages: number;
  records: Trunk[];
  unreadable: number;
}

/** Human words for a direction. */
export function typeLabel(type: TrunkType): 'outgoing' | 'incoming' {
  return type === TRUNK_TYPE.outgoing ? 'outgoing' : 'incoming';
}
