import { describeRequest } from '../trunks/describe-request.js';
import { type SlackMessage, textMessage } from '../trunks/message.js';
import { renderProblem } from '../trunks/render-notice.js';
import { capitalise, escapeClip, escapeMrkdwn, slackDate } from '../trunks/slack-text.js';
import type { TrunkRequest } from '../trunks/trunk-request.js';
import type { CsvFile } from './csv-file.js';
import { trunkCount } from './export-names.js';
import type { ExportError } from './upload-file.js';

/** The message the file is shared with: what it holds, how fresh, and who asked for it. */
export function exportComment(request: TrunkRequest, file: CsvFile, fetchedAt: Date, user: string): string {
  const asOf = slackDate(fetchedAt, '{date_short_pretty} {time_secs}', fetchedAt.toISOString());
  return `${escapeMrkdwn(capitalise(describeRequest(request)))}: ${trunkCount(file.rows)} as CSV, data from ITNIO as of ${asOf}. Exported by <@${user}>. SIP passwords are never included.`;
}

/** Tells the user where the file went when it is not where they are looking (their DM with the bot). */
export function renderExportedToDm(file: CsvFile): SlackMessage {
  const text = `:page_facing_up: I sent you *${escapeClip(file.filename, 120)}* (${trunkCount(file.rows)}, ${size(file.length)}) in your direct messages with trunkbot.`;
  return textMessage(text);
}

/** A channel export's answer; the file in the channel says it to everyone, so nobody is told it privately as well. */
export function renderExportedToChannel(file: CsvFile): SlackMessage {
  const text = `:page_facing_up: I posted *${escapeClip(file.filename, 120)}* (${trunkCount(file.rows)}, ${size(file.length)}) in this channel.`;
  return textMessage(text);
}

/** An export that matched nothing: no empty file is sent. */
export function renderNothingToExport(request: TrunkRequest): SlackMessage {
  return renderProblem(
    `No ${describeRequest(request).replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase())}, so there is nothing to export.`,
  );
}

/** Why the file did not arrive, and what fixes it. */
export function renderExportFailed(error: ExportError, where: 'dm' | 'channel'): SlackMessage {
  return renderProblem(exportProblem(error, where));
}

function exportProblem({ step, slackError }: ExportError, where: 'dm' | 'channel'): string {
  const said = slackError ? ` (Slack said \`${slackError}\`)` : '';
  if (slackError === 'missing_scope' || slackError === 'not_allowed_token_type') {
    return `trunkbot lacks the Slack permission to send files${said}. A Slack admin must reinstall the app from its manifest.yml, which asks for files:write and im:write.`;
  }
  if (slackError === 'file_uploads_disabled' || slackError === 'file_uploads_except_images_disabled') {
    return `File uploads are turned off in this workspace${said}, so I cannot send the CSV. A Slack admin can allow them.`;
  }
  if (step === 'open_dm')
    return `I could not open a direct message with you to send the CSV${said}. Try again in a minute.`;
  if (step === 'complete' && where === 'channel') {
    if (slackError === 'not_in_channel' || slackError === 'channel_not_found') {
      return `I could not post the file in this channel${said}. Invite me with \`/invite @trunkbot\` (private channels need that), then press *Export CSV* again.`;
    }
    if (slackError === 'is_archived') return 'This channel is archived, so I could not post the file in it.';
  }
  if (step === 'upload') return `Slack did not take the file${said}. Try again in a minute.`;
  return `Slack refused the file${said}. Try again in a minute; if it keeps failing, tell the trunkbot admins.`;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
