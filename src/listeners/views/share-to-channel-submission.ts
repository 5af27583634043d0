import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { errorFields, slackErrorCode } from '../../log.js';
import { triggerClaim } from '../../pipeline/claims.js';
import type { BotDeps } from '../../pipeline/deps.js';
import { readTrunkRef } from '../../pipeline/read-trunk-ref.js';
import type { Origin } from '../../pipeline/request.js';
import { runRequest } from '../../pipeline/run-request.js';
import { SHARE_FORM } from '../../trunks/action-ids.js';
import { renderProblem } from '../../trunks/render-notice.js';
import { withShareNote } from '../../trunks/render-share-note.js';
import {
  cannotShareThere,
  readShareForm,
  renderSharedIn,
  renderSharing,
  SHARE_FORM_TITLE,
} from '../../trunks/share-form.js';
import { decodeTrunkRef } from '../../trunks/trunk-ref.js';
import { submissionReply } from './submission-reply.js';

type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * Slack waits three seconds for the answer to a submission, network included. The trunk comes from
 * the snapshot of every trunk, which is nearly always fresh (the watch poller and every query keep it
 * so): then the post is made and its result — field errors included — is the ack itself. Only a
 * snapshot being rebuilt can take longer; rather than closing the modal blind and reporting in a DM,
 * the modal then says it is sharing and is updated with the result, where the user is looking.
 */
const ANSWER_WITHIN_MS = 2_000;

/**
 * The "Share trunk to a channel" form, submitted: post that trunk, attributed and with the note, into
 * the picked channel — through the pipeline, whose access rules see both the picked channel and the
 * alert's. A channel the bot cannot post in keeps the form open with how to invite it.
 */
export function shareToChannelSubmission(deps: BotDeps, { answerWithinMs = ANSWER_WITHIN_MS } = {}) {
  return async ({ ack, body, view, client }: SubmissionArgs): Promise<void> => {
    const ref = decodeTrunkRef(view.private_metadata, deps.seal);
    const form = readShareForm(view.state.values);
    const team = body.user.team_id ?? body.team?.id;
    const enterprise = body.enterprise?.id;
    const origin: Origin = {
      surface: 'share_to_channel',
      user: body.user.id,
      ...(form.ok && { channel: form.channel }),
      ...(ref?.channel && { fromChannel: ref.channel }),
      ...(team && { team }),
      ...(enterprise && { enterprise }),
    };
    const modal = submissionReply({
      ack,
      client,
      viewId: view.id,
      title: SHARE_FORM_TITLE,
      answerWithinMs,
      pending: renderSharing(),
    });
    // Set when reading finds the form itself wrong: then the refusal goes under the fields.
    let fieldErrors: Record<string, string> | undefined;
    await runRequest(deps, {
      origin,
      claims: triggerClaim(body.trigger_id),
      read: () => {
        // Only an alert's Share… seals a channel to share from into the form.
        if (!ref?.channel) return readTrunkRef(undefined, { shareable: false });
        if (!form.ok) {
          fieldErrors = form.errors;
          return { outcome: 'invalid_input', reply: renderProblem(Object.values(form.errors).join(' ')) };
        }
        return readTrunkRef(ref, { shareable: false, sharedBy: origin.user });
      },
      whisper: (message) => (fieldErrors ? modal.errors(fieldErrors) : modal.notice(message)),
      reply: async (answer) => {
        if (!answer.ok || !form.ok) {
          await modal.notice(answer.message);
          return undefined;
        }
        if (answer.outcome === 'empty') {
          await modal.notice(
            renderProblem(`Trunk ${ref?.id ?? ''} is no longer in ITNIO's list, so there is nothing to share.`),
          );
          return undefined;
        }
        try {
          await client.chat.postMessage({ channel: form.channel, ...withShareNote(answer.message, form.note) });
        } catch (postError) {
          const slackError = slackErrorCode(postError);
          deps.log.info({ ...origin, slackError: slackError ?? 'unknown' }, 'share to a picked channel refused');
          await modal
            .errors({ [SHARE_FORM.channelBlock]: cannotShareThere(slackError) })
            .catch((error: unknown) =>
              deps.log.warn({ ...origin, ...errorFields(error) }, 'could not tell the user the share failed'),
            );
          return 'share_failed';
        }
        // Posted: a modal the user has closed meanwhile cannot be told, and need not be.
        await modal
          .done(renderSharedIn(form.channel))
          .catch((error: unknown) =>
            deps.log.info({ ...origin, ...errorFields(error) }, 'could not confirm the share in the modal'),
          );
        return 'shared_via_chat.postMessage';
      },
    });
    await modal.settle();
  };
}
