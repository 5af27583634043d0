import { randomBytes } from 'node:crypto';
import { signSlackRequest } from './slack-signature.js';

/** Where the bot listens and the workspace the requests claim to come from. */
export interface SlackSenderOptions {
  eventsUrl: string;
  signingSecret: string;
  teamId: string;
  apiAppId?: string;
  botUserId?: string;
}

/** The bot's HTTP answer, as Slack would receive it. */
export interface SenderResult {
  status: number;
  body: string;
  headers: Record<string, string>;
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
// Slack still sends the deprecated verification token; Bolt ignores it in favour of the signature.
const VERIFICATION_TOKEN = 'sandbox-verification-token';
const TEAM_DOMAIN = 'trunkbot-sandbox';
const DEFAULT_USER_ID = 'U0SUPPORT1';
const DEFAULT_USER_NAME = 'support.engineer';
const DEFAULT_CHANNEL_ID = 'C0INCIDENT';
const DEFAULT_CHANNEL_NAME = 'incident-123';

let lastTsMicros = 0;
function nextTs(): string {
  lastTsMicros = Math.max(Date.now() * 1000, lastTsMicros + 1);
  return `${Math.floor(lastTsMicros / 1e6)}.${String(lastTsMicros % 1e6).padStart(6, '0')}`;
}

const digits = (count: number): string => Array.from(randomBytes(count), (b) => String(b % 10)).join('');
const triggerId = (): string => `${digits(13)}.${digits(11)}.${randomBytes(16).toString('hex')}`;
const slackId = (prefix: string): string => prefix + randomBytes(8).toString('hex').toUpperCase().slice(0, 10);

/** Sends signed requests to the bot's `/slack/events` URL with the bodies and headers Slack uses. */
export class SlackSender {
  private readonly apiAppId: string;
  private readonly botUserId: string;

  constructor(private readonly options: SlackSenderOptions) {
    this.apiAppId = options.apiAppId ?? 'A0TRUNKBOT';
    this.botUserId = options.botUserId ?? 'U0TRUNKBOT';
  }

  /** A slash command, form-encoded in Slack's field order. */
  slashCommand(args: {
    text: string;
    userId?: string;
    userName?: string;
    channelId?: string;
    channelName?: string;
    command?: string;
    responseUrl: string;
    triggerId?: string;
  }): Promise<SenderResult> {
    const form = new URLSearchParams({
      token: VERIFICATION_TOKEN,
      team_id: this.options.teamId,
      team_domain: TEAM_DOMAIN,
      channel_id: args.channelId ?? DEFAULT_CHANNEL_ID,
      channel_name: args.channelName ?? DEFAULT_CHANNEL_NAME,
      user_id: args.userId ?? DEFAULT_USER_ID,
      user_name: args.userName ?? DEFAULT_USER_NAME,
      command: args.command ?? '/trunks',
      text: args.text,
      api_app_id: this.apiAppId,
      is_enterprise_install: 'false',
      response_url: args.responseUrl,
      trigger_id: args.triggerId ?? triggerId(),
    });
    return this.signed(form.toString(), FORM);
  }

  /** An `app_mention` Events API callback; pass `retryNum` (and the same `eventId`) to replay Slack's retries. */
  appMention(args: {
    text: string;
    userId?: string;
    channelId?: string;
    ts?: string;
    threadTs?: string;
    eventId?: string;
    retryNum?: number;
    retryReason?: string;
  }): Promise<SenderResult> {
    const ts = args.ts ?? nextTs();
    const event: Record<string, unknown> = {
      type: 'app_mention',
      user: args.userId ?? DEFAULT_USER_ID,
      text: args.text,
      ts,
      team: this.options.teamId,
      channel: args.channelId ?? DEFAULT_CHANNEL_ID,
      event_ts: ts,
    };
    if (args.threadTs !== undefined) event.thread_ts = args.threadTs;
    const envelope = {
      token: VERIFICATION_TOKEN,
      team_id: this.options.teamId,
      api_app_id: this.apiAppId,
      event,
      type: 'event_callback',
      event_id: args.eventId ?? slackId('Ev'),
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [
        {
          enterprise_id: null,
          team_id: this.options.teamId,
          user_id: this.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
    };
    const retryHeaders: Record<string, string> = {};
    if (args.retryNum !== undefined) {
      retryHeaders['x-slack-retry-num'] = String(args.retryNum);
      retryHeaders['x-slack-retry-reason'] = args.retryReason ?? 'http_timeout';
    }
    return this.signed(JSON.stringify(envelope), JSON_TYPE, retryHeaders);
  }

  /** A button click, form-encoded as `payload=<json>`; ephemeral containers carry no `message`, as in Slack. */
  blockAction(args: {
    actionId: string;
    value: string;
    blockId?: string;
    userId?: string;
    channelId?: string;
    responseUrl: string;
    message?: { ts: string; text?: string; blocks?: unknown[]; thread_ts?: string };
    isEphemeral?: boolean;
    actionText?: string;
  }): Promise<SenderResult> {
    const userId = args.userId ?? DEFAULT_USER_ID;
    const channelId = args.channelId ?? DEFAULT_CHANNEL_ID;
    const isEphemeral = args.isEphemeral ?? false;
    const messageTs = args.message?.ts ?? nextTs();
    const payload: Record<string, unknown> = {
      type: 'block_actions',
      user: { id: userId, username: DEFAULT_USER_NAME, name: DEFAULT_USER_NAME, team_id: this.options.teamId },
      api_app_id: this.apiAppId,
      token: VERIFICATION_TOKEN,
      container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: isEphemeral },
      trigger_id: triggerId(),
      team: { id: this.options.teamId, domain: TEAM_DOMAIN },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: channelId, name: DEFAULT_CHANNEL_NAME },
      state: { values: {} },
      response_url: args.responseUrl,
      actions: [
        {
          type: 'button',
          action_id: args.actionId,
          block_id: args.blockId ?? slackId('b'),
          value: args.value,
          text: { type: 'plain_text', text: args.actionText ?? args.actionId, emoji: true },
          action_ts: nextTs(),
        },
      ],
    };
    if (!isEphemeral) {
      payload.message = {
        type: 'message',
        user: this.botUserId,
        team: this.options.teamId,
        text: args.message?.text ?? '',
        blocks: args.message?.blocks ?? [],
        ts: messageTs,
        ...(args.message?.thread_ts === undefined ? {} : { thread_ts: args.message.thread_ts }),
      };
    }
    return this.signed(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
  }

  /** The handshake Slack sends when the request URL is saved in the app config. */
  urlVerification(challenge: string): Promise<SenderResult> {
    return this.signed(JSON.stringify({ token: VERIFICATION_TOKEN, challenge, type: 'url_verification' }), JSON_TYPE);
  }

  /** Posts `body` as-is, unsigned unless `headers` supply a signature — for forged or stale requests. */
  raw(body: string, contentType: string, headers: Record<string, string> = {}): Promise<SenderResult> {
    return this.post(body, { 'content-type': contentType, ...headers });
  }

  private signed(body: string, contentType: string, extra: Record<string, string> = {}): Promise<SenderResult> {
    return this.post(body, {
      'content-type': contentType,
      ...signSlackRequest(this.options.signingSecret, body),
      ...extra,
    });
  }

  private async post(body: string, headers: Record<string, string>): Promise<SenderResult> {
    const response = await fetch(this.options.eventsUrl, {
      method: 'POST',
      headers: { 'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)', ...headers },
      body,
    });
    return {
      status: response.status,
      body: await response.text(),
      headers: Object.fromEntries(response.headers.entries()),
    };
  }
}
