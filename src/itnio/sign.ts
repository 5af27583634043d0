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

/** The headers that authenticate one request to ITNIO: the key, the time and their signature. */
export function signedHeaders(
  apiKey: string,
  apiSecret: string,
  nowMs: number = Date.now(),
): { 'api-key': string; timestamp: string; sign: string } {
  const timestamp = unixSeconds(nowMs);
  return { 'api-key': apiKey, timestamp, sign: sign(apiKey, apiSecret, timestamp) };
}
