/** Why the bot's own protections in front of ITNIO did not make a call. */
export type GuardErrorCode = 'itnio_busy' | 'itnio_cancelled';

/** A query the bot turned away (too many waiting) or stopped (shutting down) before ITNIO was asked. */
export class GuardError extends Error {
  override readonly name = 'GuardError';
  constructor(
    readonly code: GuardErrorCode,
    message: string,
  ) {
    super(message);
  }
}
