import type { ItnioSandbox } from '../sandbox/itnio-server.js';
import type { RawTrunk } from '../sandbox/seed-trunks.js';

/** Shrinks the sandbox's estate by its last `by` trunks, or puts them back, as often as asked. */
export function estateSwitch(sandbox: ItnioSandbox, by: number): (small: boolean) => void {
  const removed: RawTrunk[] = [];
  return (small) => {
    if (small && removed.length === 0) {
      for (const t of sandbox.trunks.slice(-by)) removed.push(sandbox.removeTrunk(String(t.keyId)));
    } else if (!small) {
      // Back in the same order and with the same keyIds, so the estate is as it was.
      for (const t of removed.splice(0)) sandbox.addTrunk(t);
    }
  };
}
