import type { AnswerCount } from './count-answers.js';
import type { FdCount } from './count-fds.js';
import type { Verdict } from './judge-targets.js';

/** The soak's limit on heap growth between warm-up and the end, after a forced GC each time. */
export const SOAK_HEAP_GROWTH_MB = 5;

/** What the soak measured at the two quiet points it compares. */
export interface SoakEnds {
  heapAfterGcMb: { warm: number; end: number };
  /** Of that heap, compiled code: growth there is the JIT at work, not a leak. */
  codeMb: { warm: number; end: number };
  fds: { warm: FdCount | undefined; end: FdCount | undefined };
  answers: AnswerCount;
}

/** The soak's three verdicts: heap back where it was, no descriptors or sockets left over, one answer each. */
export function judgeSoak({ heapAfterGcMb, codeMb, fds, answers }: SoakEnds): Verdict[] {
  const growth = heapAfterGcMb.end - heapAfterGcMb.warm;
  const code = codeMb.end - codeMb.warm;
  const { warm, end } = fds;
  const fdMet =
    warm === undefined || end === undefined ? undefined : end.fds <= warm.fds && end.sockets <= warm.sockets;
  const answered = answers.exactlyOnce === answers.requests && answers.strays === 0;
  return [
    {
      target: `heap after GC within ${SOAK_HEAP_GROWTH_MB} MB of warm-up`,
      met: Math.abs(growth) <= SOAK_HEAP_GROWTH_MB,
      measured: `${heapAfterGcMb.warm.toFixed(1)} → ${heapAfterGcMb.end.toFixed(1)} MB (${signed(growth)} MB, of it compiled code ${signed(code)} MB)`,
      ...(Math.abs(growth) > SOAK_HEAP_GROWTH_MB && { why: 'something the bot keeps grows with requests' }),
    },
    {
      target: 'no file descriptors or sockets left over',
      met: fdMet,
      measured:
        warm === undefined || end === undefined
          ? 'not measured (/proc not readable)'
          : `fds ${warm.fds} → ${end.fds}, of them sockets ${warm.sockets} → ${end.sockets}`,
      ...(fdMet === false && { why: 'a connection or file opened per request is not closed' }),
    },
    {
      target: 'every request answered exactly once',
      met: answered,
      measured: `${answers.exactlyOnce} of ${answers.requests}; ${answers.missing} never, ${answers.duplicated} more than once, ${answers.strays} stray posts`,
      ...(!answered && { why: 'a request was dropped or answered twice' }),
    },
  ];
}

const signed = (n: number): string => `${n >= 0 ? '+' : ''}${n.toFixed(1)}`;
