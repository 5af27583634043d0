import type { TrunkQuery, TrunkQueryResult } from '../itnio/client.js';

/** A page request as the bot makes it: the vendor query, and whether a cached answer will do. */
export interface PageQuery extends TrunkQuery {
  /** Skip cached answers (the user pressed Refresh). */
  fresh?: boolean;
}

/** A page of trunks and where it came from. */
export interface SourcedPage extends TrunkQueryResult {
  /** Served from the page cache. */
  cached?: boolean;
}

/** Where pages of trunks come from: the ITNIO client, or the client behind the bot's protections. */
export interface TrunkSource {
  queryTrunks(query: PageQuery): Promise<SourcedPage>;
  close(): void;
}
