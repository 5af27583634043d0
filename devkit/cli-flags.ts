/** A command-line flag the user got wrong; the message says which and how. */
export class UsageError extends Error {}

/** Reads a whole-number flag within [min, max], or throws a UsageError naming the flag. */
export function wholeNumber(flag: string, value: string, min = 0, max = 999_999_999): number {
  const n = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max))
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}
