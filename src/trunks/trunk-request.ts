import type { TrunkType } from './trunk.js';

/** The trunk states a user can ask for: `down` means enabled with its gateway down. */
export type TrunkStatus = 'down' | 'up' | 'enabled' | 'disabled';

/** How recent a trunk's last change must be: within a span before the data's "as of", or since a vendor-local time. */
export type ChangedFilter = { withinMinutes: number } | { since: string };

/**
 * What a user asked for: the filters and the page, independent of how they typed it. Different kinds
 * of filter combine (all must match); several values of one kind are alternatives (any may match).
 */
export interface TrunkRequest {
  page: number;
  type?: TrunkType;
  /** Words that must all appear in the trunk name, in any order (case- and accent-insensitive). */
  name?: string;
  /** Addresses (`203.0.113.25`, `2001:db8::1`) or ranges (`203.0.113.0/24`) as typed, already validated. */
  ips?: string[];
  /** Phone numbers as typed (`+44 20 7946 0122`); matched on their digits. */
  numbers?: string[];
  /** Trunk IDs. */
  ids?: string[];
  /** Bare 7+-digit numbers: tried as a trunk ID and as a phone number. */
  idsOrNumbers?: string[];
  /** SIP account, exact and case-insensitive. */
  account?: string;
  /** Text contained in the name of an agent group the trunk is bound to. */
  group?: string;
  /** Dial prefix, exact. */
  prefix?: string;
  status?: TrunkStatus[];
  changed?: ChangedFilter;
  /** Answer with a summary instead of a list. */
  stats?: boolean;
}

/** Trunks per page: ten cards stay well inside Slack's block and size limits. */
export const PAGE_SIZE = 10;
export const MAX_PAGE = 10_000;
export const MAX_NAME_LENGTH = 100;
