import type { TrunkType } from './trunk.js';

/** What a user asked for: the filters and the page, independent of how they typed it. */
export interface TrunkRequest {
  type?: TrunkType;
  name?: string;
  page: number;
}

/** Trunks per page: ten cards stay well inside Slack's block and size limits. */
export const PAGE_SIZE = 10;
export const MAX_PAGE = 10_000;
export const MAX_NAME_LENGTH = 100;
