import { SandboxControlError } from './control-error.js';
import type { RawTrunk } from './seed-trunks.js';

const MAX_CANDIDATES = 5;

/** Lower-case words of a name or reference: `ACME-Outbound 1` → `acme outbound 1`. */
const wordsOf = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * The one trunk `ref` names: a keyId, else words that all occur in one trunk's name (case-insensitive).
 * Throws a SandboxControlError when nothing or several trunks match.
 */
export function findTrunk(trunks: readonly RawTrunk[], ref: string): { trunk: RawTrunk; index: number } {
  const text = ref.trim();
  const words = wordsOf(text);
  if (words.length === 0) {
    throw new SandboxControlError(
      'trunk_not_found',
      'Name a trunk by its keyId or words of its name, e.g. acme-out-01',
    );
  }
  // Rule 1: a keyId wins, since the vendor also allows all-digit names such as "22232".
  if (/^\d+$/.test(text)) {
    const index = trunks.findIndex((t) => t.keyId === Number(text));
    if (index >= 0) return { trunk: trunks[index]!, index };
  }
  // Rule 2: every word occurs in the name.
  const matches: number[] = [];
  trunks.forEach((t, i) => {
    const name = t.sipTrunkName.toLowerCase();
    if (words.every((w) => name.includes(w))) matches.push(i);
  });
  if (matches.length === 1) return { trunk: trunks[matches[0]!]!, index: matches[0]! };
  if (matches.length === 0) {
    throw new SandboxControlError('trunk_not_found', `No sandbox trunk has a keyId or name matching "${text}"`);
  }
  // Rule 3: among several, the one whose name is exactly those words (separators aside).
  const exact = words.join(' ');
  const exactly = matches.filter((i) => wordsOf(trunks[i]!.sipTrunkName).join(' ') === exact);
  if (exactly.length === 1) return { trunk: trunks[exactly[0]!]!, index: exactly[0]! };
  const shown = (exactly.length > 1 ? exactly : matches).map((i) => trunks[i]!);
  const candidates = shown.slice(0, MAX_CANDIDATES).map((t) => ({ keyId: t.keyId, name: t.sipTrunkName }));
  const more = shown.length > MAX_CANDIDATES ? ` and ${shown.length - MAX_CANDIDATES} more` : '';
  throw new SandboxControlError(
    'trunk_ambiguous',
    `"${text}" matches ${shown.length} sandbox trunks: ${candidates.map((c) => `${c.name} (${c.keyId})`).join(', ')}${more}. ` +
      'Give more of the name, or the keyId.',
    candidates,
  );
}
