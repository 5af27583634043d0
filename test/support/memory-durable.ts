import type { DurableStore } from '../../src/store/durable.js';

/** A DurableStore in memory, for listener tests that need a watch book but no disk. */
export function memoryDurable(now: () => number = Date.now): DurableStore {
  const documents = new Map<string, string>();
  const collections = new Map<string, Map<string, string>>();
  const leases = new Map<string, { owner: string; expiresAt: number }>();
  const collection = (name: string) => {
    const records = collections.get(name) ?? new Map<string, string>();
    collections.set(name, records);
    return records;
  };
  return {
    kind: 'file',
    read: async (name) => documents.get(name),
    write: async (name, value) => void documents.set(name, value),
    records: async (name) => new Map(collection(name)),
    putRecord: async (name, id, value) => void collection(name).set(id, value),
    deleteRecord: async (name, id) => collection(name).delete(id),
    async lease(name, owner, ttlMs) {
      const held = leases.get(name);
      if (held && held.owner !== owner && held.expiresAt > now()) return false;
      leases.set(name, { owner, expiresAt: now() + ttlMs });
      return true;
    },
    async releaseLease(name, owner) {
      if (leases.get(name)?.owner === owner) leases.delete(name);
    },
    close: async () => undefined,
  };
}
