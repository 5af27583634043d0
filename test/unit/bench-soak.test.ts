import { isInterimNote, renderProgress, renderStaleButton, renderWaiting } from '../../src/trunks/render-notice.js';
import { countAnswers } from '../../devkit/bench/count-answers.js';
import { judgeSoak, type SoakEnds } from '../../devkit/bench/judge-soak.js';
import { mergeRuns } from '../../devkit/bench/merge-runs.js';
import type { BenchQuery } from '../../devkit/bench/per-call-queries.js';
import {
  faultAt,
  HOT_QUERIES,
  PLANNED_FAULTS,
  SNAPSHOT_ONLY,
  soakQuery,
  soakRequest,
} from '../../devkit/bench/soak-plan.js';

const ends = (over: Partial<SoakEnds> = {}): SoakEnds => ({
  heapAfterGcMb: { warm: 30, end: 33 },
  codeMb: { warm: 4, end: 4.5 },
  fds: { warm: { fds: 31, sockets: 10 }, end: { fds: 30, sockets: 9 } },
  answers: { requests: 10, exactlyOnce: 10, missing: 0, duplicated: 0, strays: 0 },
  ...over,
});

describe('the soak plan', () => {
  it('mixes commands and clicks, distinct and hot queries, in fixed shares', () => {
    const plan = Array.from({ length: 2000 }, (_, i) => soakRequest(i));
    const share = (pick: (r: (typeof plan)[number]) => boolean) => plan.filter(pick).length / plan.length;
    expect(share((r) => r.surface === 'command' && r.pool === 'distinct')).toBe(0.3);
    expect(share((r) => r.surface === 'command' && r.pool === 'hot')).toBe(0.25);
    expect(share((r) => r.pool === 'snapshot')).toBe(0.1);
    expect(share((r) => r.surface === 'button' && r.pool === 'distinct')).toBe(0.2);
    expect(share((r) => r.surface === 'button' && r.pool === 'hot')).toBe(0.15);
    expect(plan.filter((r) => r.pool === 'snapshot').every((r) => r.surface === 'command')).toBe(true);
    expect(Math.max(...plan.filter((r) => r.pool === 'hot').map((r) => r.index))).toBe(HOT_QUERIES - 1);
    expect(Math.max(...plan.filter((r) => r.pool === 'snapshot').map((r) => r.index))).toBe(SNAPSHOT_ONLY.length - 1);
    const distinctCommands = plan.filter((r) => r.surface === 'command' && r.pool === 'distinct').map((r) => r.index);
    expect(new Set(distinctCommands).size).toBe(distinctCommands.length);
  });

  it('turns each request into a command or a click on one of the queries', () => {
    const queries = Array.from({ length: 50 }, (_, n) => ({ text: `q${n}` }) as BenchQuery);
    const sent = Array.from({ length: 400 }, (_, i) => soakQuery(i, queries));
    expect(sent.filter((r) => r.text !== undefined).every((r) => r.surface === 'command')).toBe(true);
    expect(sent.every((r) => (r.text === undefined) !== (r.query === undefined))).toBe(true);
    expect(new Set(sent.filter((r) => r.query).map((r) => r.query!.text)).size).toBe(50);
    expect(soakQuery(6, queries)).toEqual({ surface: 'command', query: queries[soakRequest(6).index] });
  });

  it('injects every planned fault once per 1,000 requests', () => {
    const faults = Array.from({ length: 3000 }, (_, i) => faultAt(i)).filter((f) => f !== undefined);
    expect(faults).toHaveLength(3 * PLANNED_FAULTS.length);
    expect(faultAt(0)).toBeUndefined();
  });
});

describe('soak answers', () => {
  it('count requests answered once, never, twice, and posts to unknown ids', () => {
    const posts = new Map([
      ['a', 1],
      ['b', 2],
      ['x', 1],
    ]);
    expect(countAnswers(['a', 'b', 'c'], posts)).toEqual({
      requests: 3,
      exactlyOnce: 1,
      missing: 1,
      duplicated: 1,
      strays: 1,
    });
  });
});

describe('soak verdicts', () => {
  it('pass a heap within 5 MB, no extra descriptors and one answer each', () => {
    const verdicts = judgeSoak(ends());
    expect(verdicts.map((v) => v.met)).toEqual([true, true, true]);
    expect(verdicts[0]!.measured).toBe('30.0 → 33.0 MB (+3.0 MB, of it compiled code +0.5 MB)');
  });

  it('fail with a reason on heap growth, a left-over socket or a missing answer', () => {
    const verdicts = judgeSoak(
      ends({
        heapAfterGcMb: { warm: 30, end: 36 },
        fds: { warm: { fds: 31, sockets: 10 }, end: { fds: 31, sockets: 11 } },
        answers: { requests: 10, exactlyOnce: 9, missing: 1, duplicated: 0, strays: 0 },
      }),
    );
    expect(verdicts.map((v) => v.met)).toEqual([false, false, false]);
    expect(verdicts.every((v) => typeof v.why === 'string')).toBe(true);
  });

  it('leave descriptors unjudged where /proc cannot be read', () => {
    expect(judgeSoak(ends({ fds: { warm: undefined, end: undefined } }))[1]!.met).toBeUndefined();
  });
});

describe('merged soak segments', () => {
  it('keep every sample and error and add the durations', () => {
    const run = (ms: number, errors: [string, number][]) => ({
      ackMs: [ms],
      e2eMs: [ms * 10],
      errors: errors.reduce((n, [, k]) => n + k, 0),
      errorKinds: new Map(errors),
      duplicateReplies: 0,
      durationMs: 1000,
    });
    const merged = mergeRuns([
      run(1, [['no reply within 15 s', 1]]),
      run(2, [
        ['no reply within 15 s', 2],
        ['ack HTTP 500', 1],
      ]),
    ]);
    expect(merged).toEqual({
      ackMs: [1, 2],
      e2eMs: [10, 20],
      errors: 4,
      errorKinds: new Map([
        ['no reply within 15 s', 3],
        ['ack HTTP 500', 1],
      ]),
      duplicateReplies: 0,
      durationMs: 2000,
    });
  });
});

describe('progress notes in the soak', () => {
  it('are told apart from answers by the same test the load driver uses', () => {
    expect(isInterimNote({ ...renderWaiting() })).toBe(true);
    expect(isInterimNote({ ...renderProgress(100, 1_200) })).toBe(true);
    expect(isInterimNote({ ...renderStaleButton() })).toBe(false);
    expect(isInterimNote({ text: '12 trunks' })).toBe(false);
  });
});
