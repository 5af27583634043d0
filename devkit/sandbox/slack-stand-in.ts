import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WANTED_SCOPES } from '../../src/doctor/wanted-scopes.js';
import { blockKitProblem } from './block-kit-limits.js';
import { readBody } from './read-body.js';
import {
  checkMessage,
  decodeJsonArgs,
  fail,
  isRecord,
  MAX_TEXT_CHARS,
  MESSAGE_METHODS,
  parseApiBody,
  parseJson,
  type Args,
  type Result,
} from './slack-api-args.js';
import { type ChannelState, createChannelStates } from './slack-channels.js';
import { createChatMethods } from './slack-chat.js';
import { createSlackFiles, type UploadedFile } from './slack-files.js';
import { createScriptedFailures } from './slack-scripted-failures.js';
import { createUserDirectory } from './slack-users.js';
import { createViewMethods, type SlackView } from './slack-views.js';

/** Where and as whom the stand-in listens. */
export interface SlackStandInOptions {
  port?: number;
  host?: string;
  botToken?: string;
  teamId?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  /** The app-level token `apps.connections.open` accepts (Socket Mode). */
  appToken?: string;
  /** The bot token's granted scopes, sent as `x-oauth-scopes` (default: what manifest.yml asks for). */
  scopes?: readonly string[];
}

/** One Web API request as the stand-in saw and answered it. */
export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  ok: boolean;
  error?: string;
  /** Slack's `response_metadata.messages` on a refusal: which argument was wrong. */
  messages?: string[];
  /** The modal as stored, on a successful views.open, views.update or views.push. */
  view?: SlackView;
  /** The message's ts when the answer carries one (chat.postMessage, chat.update), to tell what an edit changes. */
  ts?: string;
  /** The conversation the answer names: for a post to a user ID, the bot's DM with that user (`D…`). */
  channel?: string;
  /** The Retry-After seconds of a call answered HTTP 429 `ratelimited`. */
  retryAfterSeconds?: number;
  /** The files a successful files.completeUploadExternal shared, bytes included. */
  files?: UploadedFile[];
  at: number;
}

/** One accepted POST to a response_url. */
export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

/** What happened on the Slack side, as the console shows it. */
export type SlackActivity = { kind: 'call'; call: ApiCall } | { kind: 'response'; response: ResponseUrlPost };

/** A running fake of the Slack Web API and of response_url endpoints. */
export interface SlackStandIn {
  readonly url: string;
  /** `${url}/api/`, to pass to WebClient as `slackApiUrl`. */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly appToken: string;
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly calls: ApiCall[];
  readonly responses: ResponseUrlPost[];
  /** Every file started with files.getUploadURLExternal: its bytes once uploaded, where it was shared once completed. */
  readonly files: UploadedFile[];
  /** The Home tab views.publish last published for a user, as Slack keeps it. */
  homeOf(userId: string): SlackView | undefined;
  newResponseUrl(): string;
  failNext(method: string, error: string, times?: number): void;
  /** The next `times` calls of `method` answer HTTP 429 `ratelimited` with a Retry-After header, as Slack does. */
  rateLimitNext(method: string, retryAfterSeconds: number, times?: number): void;
  /** How a channel looks from now on: archived, or without the bot (channel ids starting C0GONE never exist). */
  setChannel(channelId: string, state: ChannelState): void;
  /** Deletes a channel: posts and edits in it answer `channel_not_found`. */
  deleteChannel(channelId: string): void;
  /** The time zone `users.info` gives a user from now on (every user is in Europe/London until then). */
  setUserTimeZone(userId: string, timeZone: string): void;
  failResponseUrl(status: number, times?: number): void;
  waitForCall(method: string, predicate?: (c: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
  waitForResponse(predicate?: (r: ResponseUrlPost) => boolean, timeoutMs?: number): Promise<ResponseUrlPost>;
  onActivity(listener: (e: SlackActivity) => void): () => void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** The bot token the stand-in accepts unless told otherwise. */
export const SANDBOX_BOT_TOKEN = 'xoxb-sandbox-token';
/** The app-level token the stand-in accepts unless told otherwise. */
export const SANDBOX_APP_TOKEN = 'xapp-sandbox-app-token';

/** Starts the stand-in on 127.0.0.1 (an OS-chosen port unless `port` is given). */
export async function startSlackStandIn(options: SlackStandInOptions = {}): Promise<SlackStandIn> {
  const botToken = options.botToken ?? SANDBOX_BOT_TOKEN;
  const teamId = options.teamId ?? 'T0SANDBOX';
  const botUserId = options.botUserId ?? 'U0TRUNKBOT';
  const botId = options.botId ?? 'B0TRUNKBOT';
  const appId = options.appId ?? 'A0TRUNKBOT';
  const appToken = options.appToken ?? SANDBOX_APP_TOKEN;
  // What Slack says each kind of token may do, in the header the Web API client reads.
  const scopesOf = { bot: (options.scopes ?? WANTED_SCOPES).join(','), app: 'connections:write' };
  const calls: ApiCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const listeners = new Set<(e: SlackActivity) => void>();
  const scripted = createScriptedFailures();
  const channels = createChannelStates();
  const users = createUserDirectory(teamId);
  // The upload URL is on the stand-in itself, known once it listens.
  let baseUrl = '';
  const uploads = createSlackFiles((fileId) => `${baseUrl}/upload/${fileId}`, channels);
  const responseIds = new Set<string>();
  const homes = new Map<string, SlackView>();
  const closers = new Set<(error: Error) => void>();
  const emit = (event: SlackActivity): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener (console rendering, a waiter) must not take the fake Slack down.
      }
    }
  };
  const methods: Record<string, (args: Args) => Result> = {
    'auth.test': () => ({
      ok: true,
      url: 'https://trunkbot-sandbox.slack.com/',
      team: 'Trunkbot Sandbox',
      team_id: teamId,
      user: 'trunkbot',
      user_id: botUserId,
      bot_id: botId,
      is_enterprise_install: false,
    }),
    ...createChatMethods({ teamId, botUserId, botId }, channels),
    ...createViewMethods({ teamId, appId, botId }, homes),
    ...users.methods,
    ...uploads.methods,
    // Socket Mode's first call. The stand-in serves no WebSocket at that URL: it only answers for the token.
    'apps.connections.open': () => ({ ok: true, url: `${url.replace(/^http/, 'ws')}/link/?ticket=${randomUUID()}` }),
  };

  const answerApi = (
    method: string,
    parsed: ReturnType<typeof parseApiBody>,
    headerToken: string | undefined,
  ): { args: Args; result: Result; retryAfterSeconds?: number; scopes?: string } => {
    const args = parsed?.args ?? {};
    // Rule 1: the token, before anything else, as Slack does. Only apps.connections.open takes the app token.
    const token = headerToken ?? parsed?.bodyToken;
    const kind = token === botToken ? 'bot' : token === appToken ? 'app' : undefined;
    if (!kind) return { args, result: fail('invalid_auth') };
    const scopes = scopesOf[kind];
    if ((method === 'apps.connections.open') !== (kind === 'app')) {
      return { args, result: fail('not_allowed_token_type'), scopes };
    }
    if (!parsed) return { args, result: fail('invalid_json'), scopes };
    // Rule 2: the method must exist.
    const handler = Object.hasOwn(methods, method) ? methods[method] : undefined;
    if (!handler) return { args, result: fail('unknown_method'), scopes };
    // Rule 3: rate limits, then failures, that a test asked for win over real validation.
    const injected = scripted.takeApi(method);
    if (injected) {
      return { args, result: fail(injected.error), retryAfterSeconds: injected.retryAfterSeconds, scopes };
    }
    // Rule 4: arguments, then the method itself.
    const invalid = decodeJsonArgs(args) ?? (MESSAGE_METHODS.has(method) ? checkMessage(args) : undefined);
    return { args, result: invalid ? fail(invalid) : handler(args), scopes };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const send = (
      status: number,
      body: string,
      type = 'text/plain; charset=utf-8',
      headers: Record<string, string> = {},
    ): void => {
      res.writeHead(status, { 'content-type': type, ...headers }).end(body);
    };
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    // Slack's file service, not the Web API: no token, and the body is the file, read as it arrives.
    const uploadMatch = /^\/upload\/(\w+)$/.exec(path);
    if (uploadMatch) {
      if (req.method !== 'POST') return send(405, 'method_not_allowed');
      const answer = await uploads.receiveUpload(uploadMatch[1] ?? '', req);
      return send(answer.status, answer.body);
    }
    const apiMatch = /^\/api\/([\w.]+)$/.exec(path);
    const responseMatch = /^\/response\/([\w-]+)$/.exec(path);
    if (!apiMatch && !(responseMatch && responseIds.has(responseMatch[1] ?? ''))) return send(404, 'not_found');
    if (req.method !== 'POST') return send(405, 'method_not_allowed');
    const read = await readBody(req, MAX_BODY_BYTES);
    if (read.tooLarge) return send(413, 'request_too_large');
    const raw = read.text;

    if (apiMatch) {
      const method = apiMatch[1] ?? '';
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const parsed = parseApiBody(raw, req.headers['content-type'] ?? '');
      const { args, result, retryAfterSeconds, scopes } = answerApi(method, parsed, bearer);
      const call: ApiCall = { method, args, ok: result.ok, at: Date.now() };
      if (!result.ok) call.error = result.error;
      if (!result.ok && result.response_metadata) call.messages = result.response_metadata.messages;
      if (result.ok && result.view) call.view = result.view as SlackView;
      if (result.ok && typeof result.ts === 'string') call.ts = result.ts;
      if (result.ok && method === 'files.completeUploadExternal') {
        const shared = new Set((result.files as { id: string }[]).map((f) => f.id));
        call.files = uploads.files.filter((f) => shared.has(f.id));
      }
      if (result.ok && typeof result.channel === 'string') call.channel = result.channel;
      if (retryAfterSeconds !== undefined) call.retryAfterSeconds = retryAfterSeconds;
      calls.push(call);
      emit({ kind: 'call', call });
      // WebClient reads only the status and Retry-After of a 429: it waits that long, then retries.
      const headers: Record<string, string> = {
        ...(retryAfterSeconds !== undefined && { 'retry-after': String(retryAfterSeconds) }),
        // Slack names the token's granted scopes on every answer to a known token; WebClient exposes them
        // as response_metadata.scopes.
        ...(scopes !== undefined && { 'x-oauth-scopes': scopes }),
      };
      const status = retryAfterSeconds === undefined ? 200 : 429;
      return send(status, JSON.stringify(result), 'application/json; charset=utf-8', headers);
    }

    const injectedStatus = scripted.takeResponse();
    if (injectedStatus !== undefined) return send(injectedStatus, 'injected_failure');
    const body = parseJson(raw);
    if (!isRecord(body)) return send(400, 'invalid_payload');
    if (body.blocks !== undefined && blockKitProblem(body.blocks)) return send(400, 'invalid_blocks');
    if (typeof body.text === 'string' && body.text.length > MAX_TEXT_CHARS) return send(400, 'msg_too_long');
    const response: ResponseUrlPost = { id: responseMatch?.[1] ?? '', body, at: Date.now() };
    responses.push(response);
    emit({ kind: 'response', response });
    return send(200, 'ok');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end('internal_error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  baseUrl = url;

  async function waitFor<T>(
    seen: T[],
    pick: (e: SlackActivity) => T | undefined,
    matches: (item: T) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<T> {
    const already = seen.find(matches);
    if (already) return already;
    return new Promise<T>((resolve, reject) => {
      const finish = (error: Error | undefined, item?: T): void => {
        clearTimeout(timer);
        listeners.delete(listener);
        closers.delete(finish);
        if (error) reject(error);
        else resolve(item as T);
      };
      const listener = (event: SlackActivity): void => {
        const item = pick(event);
        if (item !== undefined && matches(item)) finish(undefined, item);
      };
      const timer = setTimeout(() => {
        const seenSoFar = calls.map((c) => c.method).concat(responses.map(() => 'response_url post'));
        finish(
          new Error(
            `Slack stand-in: no ${what} within ${timeoutMs}ms; seen so far: ${seenSoFar.join(', ') || 'nothing'}`,
          ),
        );
      }, timeoutMs);
      listeners.add(listener);
      closers.add(finish);
    });
  }

  return {
    url,
    apiUrl: `${url}/api/`,
    botToken,
    appToken,
    teamId,
    botUserId,
    botId,
    calls,
    responses,
    files: uploads.files,
    homeOf: (userId) => homes.get(userId),
    newResponseUrl: () => {
      const id = randomUUID();
      responseIds.add(id);
      return `${url}/response/${id}`;
    },
    failNext: scripted.failNext,
    rateLimitNext: scripted.rateLimitNext,
    failResponseUrl: scripted.failResponseUrl,
    setChannel: channels.set,
    deleteChannel: channels.delete,
    setUserTimeZone: users.setTimeZone,
    waitForCall: (method, predicate = () => true, timeoutMs = 5000) =>
      waitFor(
        calls,
        (e) => (e.kind === 'call' ? e.call : undefined),
        (c) => c.method === method && predicate(c),
        timeoutMs,
        `matching ${method} call`,
      ),
    waitForResponse: (predicate = () => true, timeoutMs = 5000) =>
      waitFor(
        responses,
        (e) => (e.kind === 'response' ? e.response : undefined),
        predicate,
        timeoutMs,
        'matching response_url post',
      ),
    onActivity: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close: async () => {
      for (const finish of [...closers]) finish(new Error('Slack stand-in closed while a test was still waiting'));
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
