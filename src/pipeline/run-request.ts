import type { SlackMessage } from '../trunks/message.js';
import type { TrunkRequest } from '../trunks/trunk-request.js';
import { renderFailure } from '../trunks/render-failure.js';
import { refuseAccess, refuseRate } from './admission.js';
import { errorFields } from '../log.js';
import { type Answer, type AnswerView, answerQuery, retryOf } from './answer-query.js';
import { writeAudit, type Handled } from './audit.js';
import type { BotDeps } from './deps.js';
import { succeeded } from './outcome.js';
import { progressFeed } from './progress.js';
import type { Intake } from './request.js';

/**
 * The one path every request takes, after its listener has acked:
 * Step 1: de-duplication — a replayed trigger, a retried event or a double-clicked Share is dropped.
 * Step 2: access — workspace, channel and user allowlists.
 * Step 3: reading — the payload becomes a request, or the asker is told why it cannot be run.
 * Step 4: the user's rate limit, for a request whose answer will ask ITNIO for new data.
 * Step 5: answering — from the snapshot of every trunk (progress shown if it is slow), rendered.
 * Step 6: replying, in the surface's own way.
 * Step 7: the audit line, built from what the steps returned — whatever happened, bugs included.
 * Returns what happened; never throws.
 */
export async function runRequest(deps: BotDeps, intake: Intake): Promise<Handled> {
  const started = performance.now();
  // Set once the payload is read, so a bug in a later step still knows what was asked.
  const known: Known = {};
  const handled = await deps.inflight.run(async (): Promise<Handled> => {
    try {
      return await handle(deps, intake, known);
    } catch (error) {
      await tellAboutBug(deps, intake, known, error);
      return { outcome: 'error', error, ...(known.request && { request: known.request }) };
    }
  });
  const done = { ...handled, durationMs: Math.round(performance.now() - started) };
  writeAudit(deps.audit, intake.origin, done);
  return done;
}

/** What a request turned out to be, once read. */
interface Known {
  request?: TrunkRequest;
  view?: AnswerView;
}

async function handle(deps: BotDeps, intake: Intake, known: Known): Promise<Handled> {
  for (const claim of intake.claims) {
    if (!(await deps.store.claim(claim.key, claim.ttlSeconds))) return { outcome: claim.duplicate };
  }
  const handled = await admitAndAnswer(deps, intake, known);
  if (!succeeded(handled.outcome)) {
    for (const claim of intake.claims) if (claim.releaseOnFailure) await deps.store.delete(claim.key);
  }
  return handled;
}

async function admitAndAnswer(deps: BotDeps, intake: Intake, known: Known): Promise<Handled> {
  const refused = await refuseAccess(deps, intake.origin);
  if (refused) return whispered(intake, { outcome: refused.outcome }, refused.reply);

  const reading = intake.read();
  if ('reply' in reading) {
    return whispered(
      intake,
      { outcome: reading.outcome, ...(reading.input !== undefined && { input: reading.input }) },
      reading.reply,
    );
  }
  const { request, view } = reading;
  known.request = request;
  known.view = view;

  // Opening Home reads the snapshot every query shares, so it is not charged; its Refresh rebuilds on demand and is.
  const limited = intake.unmetered ? undefined : await refuseRate(deps, intake.origin, view);
  if (limited) return whispered(intake, { outcome: limited.outcome, request }, limited.reply);

  const feed = intake.progress
    ? progressFeed(intake.progress, (error) =>
        deps.log.info({ ...intake.origin, ...errorFields(error) }, 'could not show progress'),
      )
    : undefined;
  let answer: Answer;
  try {
    answer = intake.answer
      ? await intake.answer(request, view, feed?.report)
      : await answerQuery(deps, request, view, feed?.report);
  } finally {
    // No progress note may arrive after the answer (or after the error a bug becomes).
    await feed?.finish();
  }
  const { outcome, total, latencyMs, cached, shown, unreadable, error } = answer;
  const handled: Handled = { outcome, request, total, latencyMs, cached, shown, unreadable, error };
  try {
    const delivered = await intake.reply(answer);
    return delivered ? { ...handled, outcome: delivered } : handled;
  } catch (replyError) {
    return { ...handled, replyFailed: true, error: replyError };
  }
}

/**
 * A bug in a step: the user hears that something went wrong (the audit line logs the stack). Once the request
 * is known the failure is delivered like any failed answer — in place of a progress note, with ↻ Retry where the
 * surface offers it; before that, only the asker is told, and there is nothing to retry.
 */
async function tellAboutBug(deps: BotDeps, intake: Intake, known: Known, error: unknown): Promise<void> {
  const retry = known.request && known.view && retryOf(known.request, known.view, deps.seal);
  const message = renderFailure({ code: 'error' }, retry);
  try {
    if (known.request) await intake.reply({ message, ok: false, outcome: 'error', error });
    else await intake.whisper(message);
  } catch (tellError) {
    deps.log.info({ ...intake.origin, ...errorFields(tellError) }, 'could not tell the user about the error');
  }
}

/** Tells only the asker; a whisper Slack refuses is still on record. */
async function whispered(intake: Intake, handled: Handled, message: SlackMessage): Promise<Handled> {
  try {
    await intake.whisper(message);
    return handled;
  } catch (error) {
    return { ...handled, replyFailed: true, error };
  }
}
