import { Readable } from 'node:stream';
import type { webApi } from '@slack/bolt';
import { slackErrorCode } from '../log.js';
import { callSignal } from '../with-timeout.js';
import type { CsvFile } from './csv-file.js';

/** Where an uploaded file is shared: a channel ID (a DM's too), and the thread when it belongs in one. */
export interface UploadDestination {
  channel: string;
  threadTs?: string;
}

/** The step of an export that Slack refused. */
export type ExportStep = 'open_dm' | 'get_upload_url' | 'upload' | 'complete';

/** Slack would not take the file: at which step, and Slack's error code (or `http_503`) when it gave one. */
export class ExportError extends Error {
  readonly code = 'export_failed';
  constructor(
    readonly step: ExportStep,
    readonly slackError: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`Slack refused the export at ${step}${slackError ? ` (${slackError})` : ''}`, options);
    this.name = 'ExportError';
  }
}

// The bytes go to Slack's file service, not the Web API: a large file on a slow link gets more than a Web call.
const UPLOAD_TIMEOUT_MS = 120_000;

/**
 * Uploads `file` with Slack's external upload flow and shares it at `destination`; returns the file's ID.
 * Step 1: files.getUploadURLExternal with the name and byte length.
 * Step 2: POST the bytes to the upload URL as they are made (a stream with the declared Content-Length).
 * Step 3: files.completeUploadExternal shares the file with the comment.
 * Not WebClient.filesUploadV2: it reads a stream into one Buffer, then sends it as multipart form data.
 */
export async function uploadFile(
  client: webApi.WebClient,
  file: CsvFile,
  destination: UploadDestination,
  comment: string,
  signal?: AbortSignal,
): Promise<string> {
  const slot = await slackStep('get_upload_url', () =>
    client.files.getUploadURLExternal({ filename: file.filename, length: file.length }),
  );
  if (!slot.upload_url || !slot.file_id) throw new ExportError('get_upload_url', 'no_upload_url');

  let status: number;
  const call = callSignal(signal, UPLOAD_TIMEOUT_MS, 'upload timed out');
  try {
    const response = await fetch(slot.upload_url, {
      method: 'POST',
      // The URL is already authorised for this one file: the bot token is not sent to the file service.
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-length': String(file.length) },
      body: Readable.toWeb(file.open()) as ReadableStream<Uint8Array>,
      duplex: 'half',
      // A redirect would need the body again, which a stream cannot give.
      redirect: 'error',
      signal: call.signal,
    });
    status = response.status;
    await response.body?.cancel();
  } catch (error) {
    throw new ExportError('upload', undefined, { cause: error });
  } finally {
    call.done();
  }
  if (status !== 200) throw new ExportError('upload', `http_${status}`);

  const destinationArgs = destination.threadTs
    ? { channel_id: destination.channel, thread_ts: destination.threadTs }
    : { channel_id: destination.channel };
  await slackStep('complete', () =>
    client.files.completeUploadExternal({
      files: [{ id: slot.file_id!, title: file.title }],
      initial_comment: comment,
      ...destinationArgs,
    }),
  );
  return slot.file_id;
}

/** The ID of the bot's direct message with `user` (conversations.open; the im:write scope). */
export async function openDirectMessage(client: webApi.WebClient, user: string): Promise<string> {
  const opened = await slackStep('open_dm', () => client.conversations.open({ users: user }));
  const channel = opened.channel?.id;
  if (!channel) throw new ExportError('open_dm', 'no_channel');
  return channel;
}

async function slackStep<T>(step: ExportStep, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new ExportError(step, slackErrorCode(error), { cause: error });
  }
}
