import type { IncomingHttpHeaders } from 'node:http';
import { sign } from '../../src/itnio/sign.js';
import { VENDOR_STATUS, vendorError, type VendorError } from './vendor-envelope.js';

/** What the sandbox accepts as valid credentials and clock. */
export interface AuthPolicy {
  apiKey: string;
  apiSecret: string;
  nowMs: number;
  clockWindowSeconds: number;
}

/** The three signing headers as sent (Node lower-cases header names). */
export interface AuthHeaders {
  apiKey?: string;
  timestamp?: string;
  sign?: string;
}

/** Picks `Api-Key`, `Timestamp` and `Sign` out of the request headers. */
export function readAuthHeaders(headers: IncomingHttpHeaders): AuthHeaders {
  return { apiKey: first(headers['api-key']), timestamp: first(headers.timestamp), sign: first(headers.sign) };
}

/** Checks the vendor's signing rules in the vendor's order; null means the request may proceed. */
export function checkAuth(auth: AuthHeaders, policy: AuthPolicy): VendorError | null {
  // Rule 1: the key must be known.
  if (auth.apiKey !== policy.apiKey) return vendorError(VENDOR_STATUS.unknownKey);
  // Rule 2: the timestamp must be whole seconds within the window either side of now.
  const ts = auth.timestamp;
  if (ts === undefined || !/^\d{1,12}$/.test(ts)) return vendorError(VENDOR_STATUS.timestampExpired);
  if (Math.abs(policy.nowMs / 1000 - Number(ts)) > policy.clockWindowSeconds) {
    return vendorError(VENDOR_STATUS.timestampExpired);
  }
  // Rule 3: the signature, compared case-insensitively as the vendor does.
  const expected = sign(policy.apiKey, policy.apiSecret, ts);
  if (auth.sign?.toLowerCase() !== expected) return vendorError(VENDOR_STATUS.badSign);
  return null;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
