import type { IpAddress, IpRange } from './ip-address.js';

/** Every address of every trunk in flat typed arrays, each with the position of the trunk that has it. */
// A range query then scans plain 32-bit words: many times faster than bigint arithmetic over per-trunk lists.
export interface AddressTable {
  readonly v4: Uint32Array;
  readonly v4Owners: Uint32Array;
  /** Four 32-bit words per IPv6 address, most significant first. */
  readonly v6: Uint32Array;
  readonly v6Owners: Uint32Array;
}

/** Lays out the addresses of each trunk, `addresses[position]` belonging to the trunk at that position. */
export function buildAddressTable(addresses: readonly (readonly IpAddress[])[]): AddressTable {
  const v4: number[] = [];
  const v4Owners: number[] = [];
  const v6: number[] = [];
  const v6Owners: number[] = [];
  addresses.forEach((list, owner) => {
    for (const address of list) {
      if (address.family === 4) {
        v4.push(address.value);
        v4Owners.push(owner);
      } else {
        v6.push(...words(address.value));
        v6Owners.push(owner);
      }
    }
  });
  return {
    v4: Uint32Array.from(v4),
    v4Owners: Uint32Array.from(v4Owners),
    v6: Uint32Array.from(v6),
    v6Owners: Uint32Array.from(v6Owners),
  };
}

/** Sets `hits[position]` to 1 for every trunk with an address in the range. */
export function markTrunksInRange(table: AddressTable, range: IpRange, hits: Uint8Array): void {
  if (range.family === 4) {
    const { v4, v4Owners } = table;
    for (let i = 0; i < v4.length; i++) if ((v4[i]! & range.mask) >>> 0 === range.base) hits[v4Owners[i]!] = 1;
    return;
  }
  const base = words(range.base);
  const mask = words(range.mask);
  const { v6, v6Owners } = table;
  for (let i = 0; i < v6Owners.length; i++) {
    const at = i * 4;
    if (
      (v6[at]! & mask[0]) >>> 0 === base[0] &&
      (v6[at + 1]! & mask[1]) >>> 0 === base[1] &&
      (v6[at + 2]! & mask[2]) >>> 0 === base[2] &&
      (v6[at + 3]! & mask[3]) >>> 0 === base[3]
    ) {
      hits[v6Owners[i]!] = 1;
    }
  }
}

function words(value: bigint): [number, number, number, number] {
  return [
    Number((value >> 96n) & 0xffffffffn),
    Number((value >> 64n) & 0xffffffffn),
    Number((value >> 32n) & 0xffffffffn),
    Number(value & 0xffffffffn),
  ];
}
