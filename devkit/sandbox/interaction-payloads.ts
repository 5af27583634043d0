import { randomBytes } from 'node:crypto';
import { newSlackId, newTriggerId, nextTs, SANDBOX_WORKSPACE as W } from './slack-ids.js';
import type { SlackView } from './slack-views.js';

/** The workspace and app an interaction payload is addressed to. */
export interface PayloadContext {
  teamId: string;
  apiAppId: string;
  botUserId: string;
}

/** A button click, wherever the button is. */
export interface ButtonClick {
  actionId: string;
  value: string;
  blockId?: string;
  userId?: string;
  actionText?: string;
}

/** A click on a button in a message; ephemeral containers carry no `message`, as in Slack. */
export interface MessageClick extends ButtonClick {
  channelId?: string;
  responseUrl: string;
  message?: { ts: string; text?: string; blocks?: unknown[]; thread_ts?: string };
  isEphemeral?: boolean;
}

/** A click on a button in a modal: the view as views.open/update/push returned it (at least its id). */
export interface ViewClick extends ButtonClick {
  view: Partial<SlackView> & { id: string };
  triggerId?: string;
}

/** A modal submitted: the view as views.open/update/push returned it, and what the user entered. */
export interface ViewSubmission {
  view: Partial<SlackView> & { id: string };
  /** What was entered, by input block_id: a conversation id for a conversations_select, text for a text input. */
  inputs?: Record<string, string>;
  /** `state.values` as sent, instead of building it from `inputs` (a malformed or forged submission). */
  values?: Record<string, unknown>;
  userId?: string;
  triggerId?: string;
}

/** A message shortcut run on a message whose text is `text`. */
export interface MessageShortcut {
  callbackId: string;
  text: string;
  responseUrl: string;
  userId?: string;
  channelId?: string;
  messageTs?: string;
  /** Who wrote the message (default: the user running the shortcut). */
  messageUserId?: string;
  triggerId?: string;
}

const userOf = (ctx: PayloadContext, id: string) => ({
  id,
  username: W.userName,
  name: W.userName,
  team_id: ctx.teamId,
});
const teamOf = (ctx: PayloadContext) => ({ id: ctx.teamId, domain: W.teamDomain });

function buttonAction(click: ButtonClick) {
  return {
    type: 'button',
    action_id: click.actionId,
    block_id: click.blockId ?? newSlackId('b'),
    value: click.value,
    text: { type: 'plain_text', text: click.actionText ?? click.actionId, emoji: true },
    action_ts: nextTs(),
  };
}

/** The `block_actions` payload of a click in a message. */
export function messageBlockActions(ctx: PayloadContext, click: MessageClick): Record<string, unknown> {
  const channelId = click.channelId ?? W.channelId;
  const isEphemeral = click.isEphemeral ?? false;
  const messageTs = click.message?.ts ?? nextTs();
  const payload: Record<string, unknown> = {
    type: 'block_actions',
    user: userOf(ctx, click.userId ?? W.userId),
    api_app_id: ctx.apiAppId,
    token: W.verificationToken,
    container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: isEphemeral },
    trigger_id: newTriggerId(),
    team: teamOf(ctx),
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: W.channelName },
    state: { values: {} },
    response_url: click.responseUrl,
    actions: [buttonAction(click)],
  };
  if (!isEphemeral) {
    payload.message = {
      type: 'message',
      user: ctx.botUserId,
      team: ctx.teamId,
      text: click.message?.text ?? '',
      blocks: click.message?.blocks ?? [],
      ts: messageTs,
      ...(click.message?.thread_ts === undefined ? {} : { thread_ts: click.message.thread_ts }),
    };
  }
  return payload;
}

/** A view as Slack sends it back in an interaction: the stored fields, with defaults for what a test left out. */
function viewOf(ctx: PayloadContext, view: ViewClick['view']): SlackView {
  return {
    team_id: ctx.teamId,
    type: 'modal',
    title: { type: 'plain_text', text: '' },
    blocks: [],
    close: null,
    submit: null,
    private_metadata: '',
    callback_id: '',
    external_id: '',
    state: { values: {} },
    hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`,
    clear_on_close: false,
    notify_on_close: false,
    root_view_id: view.id,
    previous_view_id: null,
    app_id: ctx.apiAppId,
    bot_id: '',
    ...view,
  };
}

/** The `block_actions` payload of a click in a modal: the whole view, and no channel, message or response_url. */
export function viewBlockActions(ctx: PayloadContext, click: ViewClick): Record<string, unknown> {
  const view = viewOf(ctx, click.view);
  return {
    type: 'block_actions',
    user: userOf(ctx, click.userId ?? W.userId),
    api_app_id: ctx.apiAppId,
    token: W.verificationToken,
    container: { type: 'view', view_id: view.id },
    trigger_id: click.triggerId ?? newTriggerId(),
    team: teamOf(ctx),
    enterprise: null,
    is_enterprise_install: false,
    view,
    actions: [buttonAction(click)],
  };
}

type Json = Record<string, unknown>;

// Where each input element's answer sits in `state.values`, as Slack reports it.
const ANSWER_KEY: Record<string, string> = {
  conversations_select: 'selected_conversation',
  channels_select: 'selected_channel',
  users_select: 'selected_user',
};

/** The `state.values` Slack sends for a view's input blocks: every one of them, null where nothing was entered. */
export function inputValues(blocks: unknown[], inputs: Record<string, string>): Record<string, Json> {
  const values: Record<string, Json> = {};
  for (const raw of blocks) {
    const block = raw as Json;
    const element = block.element as Json | undefined;
    if (block.type !== 'input' || !element || typeof element.action_id !== 'string') continue;
    const blockId = typeof block.block_id === 'string' ? block.block_id : newSlackId('b');
    const type = String(element.type);
    values[blockId] = { [element.action_id]: { type, [ANSWER_KEY[type] ?? 'value']: inputs[blockId] ?? null } };
  }
  return values;
}

/** The `view_submission` payload of a modal's submit button: the view with its state, and a fresh trigger_id. */
export function viewSubmission(ctx: PayloadContext, submission: ViewSubmission): Record<string, unknown> {
  const view = viewOf(ctx, submission.view);
  const values = submission.values ?? inputValues(view.blocks, submission.inputs ?? {});
  return {
    type: 'view_submission',
    team: teamOf(ctx),
    user: userOf(ctx, submission.userId ?? W.userId),
    api_app_id: ctx.apiAppId,
    token: W.verificationToken,
    trigger_id: submission.triggerId ?? newTriggerId(),
    view: { ...view, state: { values } },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** The `message_action` payload of a message shortcut; the message is a user's, in rich text as Slack sends it. */
export function messageAction(ctx: PayloadContext, shortcut: MessageShortcut): Record<string, unknown> {
  const userId = shortcut.userId ?? W.userId;
  const messageTs = shortcut.messageTs ?? nextTs();
  return {
    type: 'message_action',
    token: W.verificationToken,
    action_ts: nextTs(),
    team: teamOf(ctx),
    user: userOf(ctx, userId),
    channel: { id: shortcut.channelId ?? W.channelId, name: W.channelName },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: shortcut.callbackId,
    trigger_id: shortcut.triggerId ?? newTriggerId(),
    response_url: shortcut.responseUrl,
    message_ts: messageTs,
    message: {
      type: 'message',
      user: shortcut.messageUserId ?? userId,
      team: ctx.teamId,
      text: shortcut.text,
      ts: messageTs,
      blocks: [
        {
          type: 'rich_text',
          block_id: newSlackId('r'),
          elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: shortcut.text }] }],
        },
      ],
    },
  };
}
