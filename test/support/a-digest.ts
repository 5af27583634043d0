import type { Digest } from '../../src/digest/digest-book.js';

/** A daily 09:00 Europe/London digest of every trunk in C0DIGEST; `overrides` changes any field. */
export function aDigest(overrides: Partial<Digest> = {}): Digest {
  return {
    channel: 'C0DIGEST',
    createdBy: 'U0ALICE',
    createdAt: Date.parse('2026-01-01T00:00:00Z'),
    time: '09:00',
    timeZone: 'Europe/London',
    zoneFrom: 'user',
    query: '',
    request: { page: 1 },
    ...overrides,
  };
}
