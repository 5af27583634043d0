import {
  messageAction,
  messageBlockActions,
  viewBlockActions,
  viewSubmission,
  type MessageClick,
  type MessageShortcut,
  type PayloadContext,
  type ViewClick,
  type ViewSubmission,
} from './interaction-payloads.js';
import { dmChannelOf, newSlackId, newTriggerId, nextTs, SANDBOX_WORKSPACE as W } from './slack-ids.js';
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

/** Sends signed requests to the bot's `/slack/events` URL with the bodies and headers Slack uses. */
export class SlackSender {
  private readonly apiAppId: string;
  private readonly botUserId: string;
  private readonly context: PayloadContext;

  constructor(private readonly options: SlackSenderOptions) {
    this.apiAppId = options.apiAppId ?? 'A0TRUNKBOT';
    this.botUserId = options.botUserId ?? 'U0TRUNKBOT';
    this.context = { teamId: options.teamId, apiAppId: this.apiAppId, botUserId: this.botUserId };
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
      token: W.verificationToken,
      team_id: this.options.teamId,
      team_domain: W.teamDomain,
      channel_id: args.channelId ?? W.channelId,
      channel_name: args.channelName ?? W.channelName,
      user_id: args.userId ?? W.userId,
      user_name: args.userName ?? W.userName,
      command: args.command ?? '/trunks',
      text: args.text,
      api_app_id: this.apiAppId,
      is_enterprise_install: 'false',
      response_url: args.responseUrl,
      trigger_id: args.triggerId ?? newTriggerId(),
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
      user: args.userId ?? W.userId,
      text: args.text,
      ts,
      team: this.options.teamId,
      channel: args.channelId ?? W.channelId,
      event_ts: ts,
    };
    if (args.threadTs !== undefined) event.thread_ts = args.threadTs;
    const retryHeaders: Record<string, string> = {};
    if (args.retryNum !== undefined) {
      retryHeaders['x-slack-retry-num'] = String(args.retryNum);
      retryHeaders['x-slack-retry-reason'] = args.retryReason ?? 'http_timeout';
    }
    return this.eventCallback(event, args.eventId, retryHeaders);
  }

  /**
   * `app_home_opened`: the user opened the app's Home tab (or, with `tab: 'messages'`, its Messages tab).
   * Slack sends it on every visit, with the view last published for the user once there is one.
   */
  appHomeOpened(
    userId: string = W.userId,
    options: { tab?: 'home' | 'messages'; eventId?: string; view?: Record<string, unknown> } = {},
  ): Promise<SenderResult> {
    const event: Record<string, unknown> = {
      type: 'app_home_opened',
      user: userId,
      channel: dmChannelOf(userId),
      tab: options.tab ?? 'home',
      event_ts: nextTs(),
    };
    if (options.view !== undefined) event.view = options.view;
    return this.eventCallback(event, options.eventId);
  }

  /** A button click in a message, form-encoded as `payload=<json>`; ephemeral containers carry no `message`. */
  blockAction(click: MessageClick): Promise<SenderResult> {
    return this.interaction(messageBlockActions(this.context, click));
  }

  /** A button click in a modal or a Home tab: `block_actions` with `container.type: 'view'` and the view, no response_url. */
  viewBlockAction(click: ViewClick): Promise<SenderResult> {
    return this.interaction(viewBlockActions(this.context, click));
  }

  /**
   * A modal's submit button: a `view_submission` payload. Slack reads the answer from the HTTP response
   * (`response_action`: errors, update, push, clear), so the result's body is the bot's answer.
   */
  viewSubmission(submission: ViewSubmission): Promise<SenderResult> {
    return this.interaction(viewSubmission(this.context, submission));
  }

  /** A message shortcut (the message's "…" menu): a `message_action` payload with a response_url. */
  messageShortcut(shortcut: MessageShortcut): Promise<SenderResult> {
    return this.interaction(messageAction(this.context, shortcut));
  }

  /** The handshake Slack sends when the request URL is saved in the app config. */
  urlVerification(challenge: string): Promise<SenderResult> {
    return this.signed(JSON.stringify({ token: W.verificationToken, challenge, type: 'url_verification' }), JSON_TYPE);
  }

  /** Posts `body` as-is, unsigned unless `headers` supply a signature — for forged or stale requests. */
  raw(body: string, contentType: string, headers: Record<string, string> = {}): Promise<SenderResult> {
    return this.post(body, { 'content-type': contentType, ...headers });
  }

  // Every Events API delivery comes in the same envelope, naming the workspace and the bot it is for.
  private eventCallback(
    event: Record<string, unknown>,
    eventId = newSlackId('Ev'),
    headers: Record<string, string> = {},
  ): Promise<SenderResult> {
    const envelope = {
      token: W.verificationToken,
      team_id: this.options.teamId,
      api_app_id: this.apiAppId,
      event,
      type: 'event_callback',
      event_id: eventId,
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
    return this.signed(JSON.stringify(envelope), JSON_TYPE, headers);
  }

  // Slack form-encodes every interactivity payload as a single `payload` field holding JSON.
  private interaction(payload: Record<string, unknown>): Promise<SenderResult> {
    return this.signed(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
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
