import { createHash } from 'node:crypto';

/** Vendor signature: md5(apiKey + apiSecret + timestamp) as lower-case hex. */
export function sign(apiKey: string, apiSecret: string, timestamp: string): string {
  return createHash('md5')
    .update(apiKey + apiSecret + timestamp)
    .digest('hex');
}

/** Current Unix time in whole seconds, as the vendor's `Timestamp` header wants it. */
export function unixSeconds(nowMs: number = Date.now()): string {
  return String(Math.floor(nowMs / 1000));
}
