import type { types } from '@slack/bolt';
import { messageBlockActions, type MessageClick } from '../../devkit/sandbox/interaction-payloads.js';
import { SANDBOX_SIGNING_SECRET, type SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import { newTriggerId } from '../../devkit/sandbox/slack-ids.js';
import { signSlackRequest } from '../../devkit/sandbox/slack-signature.js';
import type { ResponseUrlPost } from '../../devkit/sandbox/slack-stand-in.js';
import { isInterimNote } from '../../src/trunks/render-notice.js';
import { newUserId } from './answers.js';
import { type CapturedLogs, type LogLine, waitForAudit } from './capture-logs.js';

type Message = { text?: string; blocks?: types.KnownBlock[] };

/** Whether a post is the bot's answer rather than a note while it is slow ("Asking ITNIO…", "Collecting …"). */
export function isAnswer(post: ResponseUrlPost): boolean {
  return !isInterimNote(post.body);
}

/** Runs a slash command and returns the bot's HTTP answer and its answer posted to the response_url (notes skipped). */
export async function runCommand(
  world: SandboxWorld,
  text: string,
  extra: { userId?: string; channelId?: string } = {},
) {
  const responseUrl = world.slack.newResponseUrl();
  const id = responseUrl.split('/').pop();
  const ack = await world.sender.slashCommand({ text, responseUrl, ...extra });
  const reply = await world.slack.waitForResponse((r) => r.id === id && isAnswer(r));
  return { ack, reply, responseUrl };
}

/**
 * Clicks a button on a message; `next(predicate)` waits for the first post to the click's response_url that
 * matches `predicate` — by default its answer, skipping notes while it is slow.
 */
export async function click(
  world: SandboxWorld,
  message: Message,
  actionId: string,
  options: { isEphemeral?: boolean; channelId?: string; userId?: string; ts?: string; value?: string } = {},
) {
  const button = buttonsOf(message).find((b) => b.action_id === actionId);
  if (!button && options.value === undefined) throw new Error(`no ${actionId} button on the message`);
  const responseUrl = world.slack.newResponseUrl();
  const id = responseUrl.split('/').pop();
  const ack = await world.sender.blockAction({
    actionId,
    value: options.value ?? button!.value ?? '',
    responseUrl,
    isEphemeral: options.isEphemeral ?? true,
    ...(options.channelId && { channelId: options.channelId }),
    ...(options.userId && { userId: options.userId }),
    message: {
      ts: options.ts ?? '1700000000.000100',
      ...(message.text && { text: message.text }),
      ...(message.blocks && { blocks: message.blocks }),
    },
  });
  return {
    ack,
    responseUrl,
    id,
    next: (predicate: (r: ResponseUrlPost) => boolean = isAnswer) =>
      world.slack.waitForResponse((r) => r.id === id && predicate(r)),
  };
}

/** The buttons of a message's actions block. */
export function buttonsOf(message: Message): types.Button[] {
  const actions = message.blocks?.find((b): b is types.ActionsBlock => b.type === 'actions');
  return (actions?.elements ?? []) as types.Button[];
}

/** Every visible string in a message, for contains-style assertions. */
export function textOf(message: Message): string {
  return JSON.stringify(message);
}

/** A slash command's reply together with the audit line it wrote, for asserting which trunks came back. */
export async function ask(
  world: SandboxWorld,
  logs: CapturedLogs,
  text: string,
  extra: { channelId?: string } = {},
): Promise<{ reply: ResponseUrlPost; audit: LogLine; ids: number[]; responseUrl: string }> {
  // A user of its own ties the audit line to this command even when other tests share the world.
  const userId = newUserId();
  const { reply, responseUrl } = await runCommand(world, text, { userId, ...extra });
  const audit = await waitForAudit(logs, (line) => line.user === userId);
  return { reply, audit, ids: auditIds(audit), responseUrl };
}

/** The trunk IDs an audit line says were shown, in the order shown. */
export function auditIds(audit: LogLine): number[] {
  return ((audit.trunks as { id: number }[] | undefined) ?? []).map((t) => Number(t.id));
}

/**
 * Clicks a button in a message with a known trigger_id (the sender makes up its own), so a test can tell
 * which views.open a click caused. Returns the trigger_id and the click's response_url id.
 */
export async function clickWithTrigger(
  world: SandboxWorld,
  click: Omit<MessageClick, 'responseUrl'>,
): Promise<{ triggerId: string; responseId: string; status: number }> {
  const responseUrl = world.slack.newResponseUrl();
  const triggerId = newTriggerId();
  const context = { teamId: world.slack.teamId, apiAppId: 'A0TRUNKBOT', botUserId: world.slack.botUserId };
  const payload = { ...messageBlockActions(context, { ...click, responseUrl }), trigger_id: triggerId };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const sent = await world.sender.raw(
    body,
    'application/x-www-form-urlencoded',
    signSlackRequest(SANDBOX_SIGNING_SECRET, body),
  );
  return { triggerId, responseId: responseUrl.split('/').pop()!, status: sent.status };
}
