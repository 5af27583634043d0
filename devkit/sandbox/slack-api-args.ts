import { blockKitProblem } from './block-kit-limits.js';

/** Arguments of one Web API call, decoded. */
export type Args = Record<string, unknown>;
/** A Web API answer. */
export type Result =
  | { ok: true; [key: string]: unknown }
  | { ok: false; error: string; response_metadata?: { messages: string[] } };

/** Slack's limit for a message's text; a faithful stand-in rejects what Slack would. */
export const MAX_TEXT_CHARS = 40_000;
/** Methods whose arguments are a message. */
export const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral']);
const JSON_ARG_ERRORS = {
  blocks: 'invalid_blocks_format',
  attachments: 'invalid_attachments',
  metadata: 'invalid_metadata_format',
  view: 'invalid_arguments',
};

/** A failed Web API answer; `messages` say which argument was wrong, as Slack's `response_metadata` does. */
export const fail = (error: string, messages?: string[]): Result =>
  messages ? { ok: false, error, response_metadata: { messages } } : { ok: false, error };
/** A plain JSON object. */
export const isRecord = (v: unknown): v is Args => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A non-empty string or array. */
export const nonEmpty = (v: unknown): boolean =>
  typeof v === 'string' ? v.length > 0 : Array.isArray(v) && v.length > 0;

/** JSON.parse that answers undefined instead of throwing. */
export function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** A Web API request body, form-encoded or JSON, split into arguments and a token. */
export function parseApiBody(
  raw: string,
  contentType: string,
): { args: Args; bodyToken: string | undefined } | undefined {
  const isJson = contentType.includes('application/json');
  const parsed = isJson ? (raw === '' ? {} : parseJson(raw)) : Object.fromEntries(new URLSearchParams(raw));
  if (!isRecord(parsed)) return undefined;
  const { token, ...args } = parsed;
  return { args, bodyToken: typeof token === 'string' ? token : undefined };
}

/** Form bodies carry objects as JSON strings; decode them so recorded args look like what the bot meant. */
export function decodeJsonArgs(args: Args): string | undefined {
  for (const [key, error] of Object.entries(JSON_ARG_ERRORS)) {
    const value = args[key];
    if (typeof value !== 'string') continue;
    const decoded = parseJson(value);
    if (decoded === undefined) return error;
    args[key] = decoded;
  }
  return args.blocks === undefined || Array.isArray(args.blocks) ? undefined : 'invalid_blocks_format';
}

/** Why Slack would refuse a message's arguments, if it would. */
export function checkMessage(args: Args): string | undefined {
  if (!nonEmpty(args.channel)) return 'channel_not_found';
  if (!nonEmpty(args.text) && !nonEmpty(args.blocks) && !nonEmpty(args.attachments)) return 'no_text';
  if (typeof args.text === 'string' && args.text.length > MAX_TEXT_CHARS) return 'msg_too_long';
  if (args.blocks !== undefined && blockKitProblem(args.blocks)) return 'invalid_blocks';
  return undefined;
}
