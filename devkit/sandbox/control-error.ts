/** Why a change to the sandbox's trunks was refused: the HTTP control endpoint maps each code to a status. */
export type SandboxControlCode = 'trunk_not_found' | 'trunk_ambiguous' | 'invalid_change';

/** A trunk a reference could mean, listed when it meant several. */
export interface TrunkCandidate {
  keyId: number;
  name: string;
}

/** A refused change to the sandbox's trunks; the message says what to type instead. */
export class SandboxControlError extends Error {
  override readonly name = 'SandboxControlError';

  constructor(
    readonly code: SandboxControlCode,
    message: string,
    readonly candidates: TrunkCandidate[] = [],
  ) {
    super(message);
  }
}
