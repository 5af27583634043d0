/** Milliseconds for a table cell: two decimals below 10, one above, `-` when not measured. */
export const ms = (n: number | undefined): string =>
  n === undefined || Number.isNaN(n) ? '-' : `${n.toFixed(n < 10 ? 2 : 1)} ms`;

/** A difference in milliseconds with its sign, e.g. `+0.42 ms`, `-1.3 ms`. */
export const signedMs = (n: number | undefined): string =>
  n === undefined || Number.isNaN(n) ? '-' : `${n < 0 ? '-' : '+'}${ms(Math.abs(n))}`;

/** Megabytes for a table cell; `n/a` where /proc could not be read. */
export const mb = (n: number | undefined): string => (n === undefined ? 'n/a' : `${n.toFixed(0)} MB`);

/** `a / b` as `1.23×`; `-` when either is missing or `b` is not positive. */
export const ratio = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined || !(b > 0) || Number.isNaN(a) ? '-' : `${(a / b).toFixed(2)}×`;

/** How often each kind of error happened, e.g. `ack HTTP 500 ×2; no reply within 15 s ×1`. */
export const errorKindsText = (kinds: Map<string, number>): string =>
  [...kinds].map(([k, n]) => `${k} ×${n}`).join('; ');

/** Columns padded to line up; the first (and with `alignLeft`, every) column is left-aligned, the rest right. */
export function table(rows: string[][], indent = '  ', alignLeft = false): string[] {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length)));
  const pad = (cell: string, col: number) =>
    col === 0 || alignLeft ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!);
  return rows.map((r) => indent + r.map(pad).join('   ').trimEnd());
}
