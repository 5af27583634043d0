import { findTrunk } from './find-trunk.js';
import type { RawTrunk } from './seed-trunks.js';
import { applyTrunkChange, checkTrunkChange, describeTrunkChange, newTrunk, type TrunkChange } from './trunk-change.js';

/** Changes to a running sandbox's trunks; the next query sees them. */
export interface TrunkControl {
  /** Changes the trunk `ref` names (a keyId or words of its name) and returns it as it now is. */
  changeTrunk(ref: string, change: TrunkChange): RawTrunk;
  /** Removes the trunk `ref` names and returns it. */
  removeTrunk(ref: string): RawTrunk;
  /** Adds a trunk with a new keyId and generated values, `partial` overriding them, and returns it. */
  addTrunk(partial?: Partial<RawTrunk>): RawTrunk;
}

/**
 * Control over `trunks`, changed in place so that the server's pages, computed from the array on
 * every query, see each change at once. `stamp` is the vendor-local time a configuration change records.
 */
export function createTrunkControl(
  trunks: RawTrunk[],
  stamp: () => string,
  onChange?: (description: string) => void,
): TrunkControl {
  return {
    changeTrunk: (ref, change) => {
      const checked = checkTrunkChange(change);
      const { trunk, index } = findTrunk(trunks, ref);
      const changed = applyTrunkChange(trunk, checked, stamp());
      trunks[index] = changed;
      onChange?.(describeTrunkChange(trunk, checked));
      return changed;
    },
    removeTrunk: (ref) => {
      const { trunk, index } = findTrunk(trunks, ref);
      trunks.splice(index, 1);
      onChange?.(`removed ${trunk.sipTrunkName} (keyId ${trunk.keyId})`);
      return trunk;
    },
    addTrunk: (partial = {}) => {
      const trunk = newTrunk(trunks, partial, stamp());
      trunks.push(trunk);
      onChange?.(`added ${trunk.sipTrunkName} (keyId ${trunk.keyId})`);
      return trunk;
    },
  };
}
