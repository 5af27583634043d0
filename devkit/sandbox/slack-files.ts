import type { IncomingMessage } from 'node:http';
import { fail, isRecord, nonEmpty, parseJson, type Args, type Result } from './slack-api-args.js';
import type { ChannelStates } from './slack-channels.js';
import { dmChannelOf } from './slack-ids.js';

/** A file sent through Slack's external upload flow, as the stand-in holds it. */
export interface UploadedFile {
  id: string;
  filename: string;
  /** The byte length announced to files.getUploadURLExternal; the upload must match it. */
  length: number;
  /** The bytes, once they were POSTed to the upload URL. */
  bytes?: Buffer;
  /** Set by files.completeUploadExternal. */
  completed: boolean;
  title?: string;
  /** The channel it was shared in; none for a private file. */
  channel?: string;
  threadTs?: string;
  comment?: string;
}

/** files.getUploadURLExternal, the upload URL it hands out, files.completeUploadExternal and conversations.open. */
export interface SlackFiles {
  readonly files: UploadedFile[];
  readonly methods: Record<string, (args: Args) => Result>;
  /** Takes a POST to a file's upload URL, as Slack's file service would; the body is read as it arrives. */
  receiveUpload(fileId: string, req: IncomingMessage): Promise<{ status: number; body: string }>;
}

// Slack takes files of up to 1 GB; the stand-in keeps them in memory, so it stops far sooner.
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** An empty store of files; `uploadUrl` names the stand-in's own URL for a file id. */
export function createSlackFiles(uploadUrl: (fileId: string) => string, channels: ChannelStates): SlackFiles {
  const files: UploadedFile[] = [];
  let lastId = 0;
  const find = (id: unknown) => files.find((f) => f.id === id);

  const methods: Record<string, (args: Args) => Result> = {
    'files.getUploadURLExternal': (args) => {
      const length = Number(args.length);
      if (!nonEmpty(args.filename)) return fail('invalid_arguments', ['[ERROR] missing required field: filename']);
      if (!Number.isInteger(length) || length <= 0) return fail('invalid_arguments', ['[ERROR] length must be > 0']);
      if (length > MAX_FILE_BYTES) return fail('file_upload_size_restricted');
      lastId += 1;
      const id = `F0UPLOAD${String(lastId).padStart(4, '0')}`;
      files.push({ id, filename: String(args.filename), length, completed: false });
      return { ok: true, upload_url: uploadUrl(id), file_id: id };
    },
    'files.completeUploadExternal': (args) => {
      const listed = typeof args.files === 'string' ? parseJson(args.files) : args.files;
      if (!Array.isArray(listed) || listed.length === 0 || !listed.every((f) => isRecord(f) && nonEmpty(f.id))) {
        return fail('invalid_arguments', ['[ERROR] files must be an array of {id, title}']);
      }
      const found = listed.map((f) => find((f as Args).id));
      if (found.some((f) => f === undefined || f.bytes === undefined || f.completed)) return fail('file_not_found');
      const channel = args.channel_id === undefined ? undefined : String(args.channel_id);
      if (args.thread_ts !== undefined && channel === undefined) return fail('invalid_arguments');
      const refused = channel === undefined ? undefined : channels.refusal(channel);
      if (refused) return fail(refused);
      listed.forEach((f, i) => {
        const file = found[i]!;
        file.completed = true;
        file.title = typeof (f as Args).title === 'string' ? String((f as Args).title) : file.filename;
        if (channel !== undefined) file.channel = channel;
        if (args.thread_ts !== undefined) file.threadTs = String(args.thread_ts);
        if (typeof args.initial_comment === 'string') file.comment = args.initial_comment;
      });
      return {
        ok: true,
        files: found.map((f) => ({ id: f!.id, name: f!.filename, title: f!.title, size: f!.length })),
      };
    },
    'conversations.open': (args) => {
      const users = typeof args.users === 'string' ? args.users.split(',').filter(Boolean) : [];
      if (users.length === 0) return fail('users_not_found');
      if (users.length > 1) return fail('method_not_supported_for_channel_type');
      // One direct message per person, with an id derived from theirs so tests can tell whose it is.
      return { ok: true, channel: { id: dmChannelOf(users[0]!) } };
    },
  };

  const receiveUpload = (fileId: string, req: IncomingMessage): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const file = find(fileId);
      const pieces: Buffer[] = [];
      let received = 0;
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
        // Keep reading past the announced length (answering early makes the client see a reset, not the 400).
        if (file && received <= file.length) pieces.push(chunk);
      });
      req.on('end', () => {
        if (!file || file.bytes !== undefined) return resolve({ status: 404, body: 'file_not_found' });
        if (received !== file.length) {
          return resolve({
            status: 400,
            body: `length_mismatch: announced ${file.length} bytes, received ${received}`,
          });
        }
        file.bytes = Buffer.concat(pieces);
        resolve({ status: 200, body: `OK - ${received}` });
      });
      req.on('error', reject);
    });

  return { files, methods, receiveUpload };
}
