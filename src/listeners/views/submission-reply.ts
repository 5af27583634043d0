import type { ViewResponseAction, webApi } from '@slack/bolt';
import type { SlackMessage } from '../../trunks/message.js';
import { renderProblem } from '../../trunks/render-notice.js';

/** How a modal's submission is answered: in the ack while Slack waits for one, by views.update after. */
export interface SubmissionReply {
  /** Errors under the form's fields (by block id); the form stays open with what the user typed. */
  errors(fields: Record<string, string>): Promise<void>;
  /** A message on a view stacked over the form, whose Back returns to the form as it was. */
  notice(message: SlackMessage): Promise<void>;
  /** Done: the modal closes — or, when it is already showing `pending`, says `message`. */
  done(message: SlackMessage): Promise<void>;
  /** Acks a submission nothing answered (a replayed one), which closes the modal; stops the clock. */
  settle(): Promise<void>;
}

export interface SubmissionReplyOptions {
  ack: (response?: ViewResponseAction) => Promise<void>;
  client: Pick<webApi.WebClient, 'views'>;
  /** The submitted view, which a late answer updates. */
  viewId: string;
  title: string;
  /** How long the answer may take before the modal is acked with `pending` instead. */
  answerWithinMs: number;
  pending: SlackMessage;
}

const modal = (title: string, message: SlackMessage, close = 'Close') => ({
  type: 'modal' as const,
  title: { type: 'plain_text' as const, text: title },
  close: { type: 'plain_text' as const, text: close },
  blocks: message.blocks,
});

/**
 * A submission's answer goes in the HTTP response to it (`response_action`), which Slack waits for
 * three seconds at most. Rule 1: an answer ready in `answerWithinMs` is the ack itself — field errors
 * keep the form open, a notice is pushed over it, done closes it. Rule 2: past that, the modal is
 * acked with `pending` (`response_action: 'update'`), and the answer replaces it by views.update when
 * it comes; field errors are then shown as a message, the form being gone.
 */
export function submissionReply(options: SubmissionReplyOptions): SubmissionReply {
  const { ack, client, viewId, title } = options;
  let acked: Promise<void> | undefined;
  const timer = setTimeout(() => {
    acked ??= ack({ response_action: 'update', view: modal(title, options.pending) });
    // A failed ack is Bolt's to log; the late answer's views.update reports its own failure.
    acked.catch(() => undefined);
  }, options.answerWithinMs);

  const answer = async (inTime: ViewResponseAction | undefined, late: SlackMessage | undefined): Promise<void> => {
    clearTimeout(timer);
    if (acked === undefined) {
      acked = ack(inTime);
      return acked;
    }
    // Slack must have shown `pending` before it can be replaced.
    await acked.catch(() => undefined);
    if (late) await client.views.update({ view_id: viewId, view: modal(title, late) });
  };

  return {
    errors: (fields) =>
      answer({ response_action: 'errors', errors: fields }, renderProblem(Object.values(fields).join(' '))),
    notice: (message) => answer({ response_action: 'push', view: modal('trunkbot', message, 'Back') }, message),
    done: (message) => answer({ response_action: 'clear' }, message),
    settle: () => answer(undefined, undefined),
  };
}
