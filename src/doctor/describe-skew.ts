/**
 * How far this machine's clock is from another's, in words: "10 min 3 s behind ITNIO's". `skewMs` is local
 * minus theirs; a Date header has whole seconds, so anything under a second reads as in step.
 */
export function describeSkew(skewMs: number, theirs: string): string {
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  if (seconds === 0) return `in step with ${theirs}`;
  const h = Math.floor(seconds / 3600);
  const min = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts = [h > 0 && `${h} h`, min > 0 && `${min} min`, s > 0 && h === 0 && `${s} s`].filter(Boolean);
  return `${parts.join(' ')} ${skewMs > 0 ? 'ahead of' : 'behind'} ${theirs}`;
}
