import { EventEmitter, once } from 'node:events';
import type { SandboxWorld } from '../sandbox/sandbox-world.js';
import type { SlackActivity } from '../sandbox/slack-stand-in.js';
import { buttonsOf, renderMessage, type ConsoleMessage, type TerminalStyle } from './render-terminal.js';

export interface ConsoleSessionOptions {
  world: SandboxWorld;
  write: (line: string) => void;
  style: TerminalStyle;
  /** How long to wait for the bot to answer one input. */
  answerTimeoutMs?: number;
  /** Quiet time after an answer in which follow-ups (like a removed private message) still belong to it. */
  settleMs?: number;
  /** Shown on every message, e.g. `sandbox data`, so a screenshot cannot pass for real trunks. */
  dataLabel?: string;
}

const CHANNEL = { id: 'C0INCIDENT', name: 'incident-123' };
const USER = { id: 'U0SUPPORT1', name: 'support.engineer' };

/** What the console user can type, besides what they would type in Slack. */
export const CONSOLE_HELP = [
  'Type what you would type in Slack:',
  '  /trunks outgoing acme     a slash command (answer only visible to you)',
  '  @trunkbot incoming        a mention (answer in a thread, visible to the channel)',
  '  1, 2 … or next, prev, share   click a button on the latest message',
  '  help                      how to use trunkbot     quit   leave',
];

/** A terminal stand-in for the Slack client: sends what a user does to the bot, shows what the bot posts. */
export class ConsoleSession {
  private current: { message: ConsoleMessage; ephemeral: boolean } | undefined;
  private activities = 0;
  /** Emits `activity` after each one is shown, for `until` to wait on. */
  private readonly activity = new EventEmitter();
  private readonly unsubscribe: () => void;
  private ts = 1_700_000_000;

  constructor(private readonly options: ConsoleSessionOptions) {
    this.unsubscribe = options.world.slack.onActivity((activity) => {
      this.show(activity);
      this.activities += 1;
      this.activity.emit('activity');
    });
  }

  /** Handles one line of input; resolves to 'quit' when the user is done. */
  async handle(input: string): Promise<'quit' | 'continue'> {
    const line = input.trim();
    if (line === '') return 'continue';
    const lower = line.toLowerCase();
    if (['quit', 'exit', 'q', '/quit', '/exit'].includes(lower)) return 'quit';
    if (lower === 'help' || lower === '?') {
      for (const line of CONSOLE_HELP) this.options.write(line);
      return this.command('help');
    }
    if (lower === '/trunks' || lower.startsWith('/trunks ')) return this.command(line.slice('/trunks'.length));
    if (line.startsWith('/')) {
      this.options.write(`Only /trunks is installed here. Type help for examples.`);
      return 'continue';
    }
    if (/^@trunk[-_]?bot\b/i.test(line)) return this.mention(line.replace(/^@\S+/, ''));
    const button = this.findButton(lower);
    if (button) return this.click(button);
    if (/^\d+$/.test(line) || ['next', 'prev', 'share'].includes(lower)) {
      this.options.write(
        this.current
          ? `There is no button "${line}" on the latest message.`
          : 'No message with buttons yet: try /trunks first.',
      );
      return 'continue';
    }
    // Anything else is read as /trunks arguments: forgiving, like the bot itself.
    return this.command(line);
  }

  close(): void {
    this.unsubscribe();
  }

  private async command(text: string): Promise<'continue'> {
    const { world } = this.options;
    await this.exchange(() =>
      world.sender.slashCommand({
        text: text.trim(),
        responseUrl: world.slack.newResponseUrl(),
        userId: USER.id,
        userName: USER.name,
        channelId: CHANNEL.id,
        channelName: CHANNEL.name,
      }),
    );
    return 'continue';
  }

  private async mention(text: string): Promise<'continue'> {
    const { world } = this.options;
    await this.exchange(() =>
      world.sender.appMention({
        text: `<@${world.slack.botUserId}> ${text.trim()}`.trim(),
        userId: USER.id,
        channelId: CHANNEL.id,
        ts: this.nextTs(),
      }),
    );
    return 'continue';
  }

  private async click(button: ReturnType<typeof buttonsOf>[number]): Promise<'continue'> {
    const { world } = this.options;
    const current = this.current!;
    await this.exchange(() =>
      world.sender.blockAction({
        actionId: button.actionId,
        value: button.value,
        actionText: button.label,
        responseUrl: world.slack.newResponseUrl(),
        userId: USER.id,
        channelId: CHANNEL.id,
        isEphemeral: current.ephemeral,
        message: {
          ts: this.nextTs(),
          ...(typeof current.message.text === 'string' && { text: current.message.text }),
          ...(Array.isArray(current.message.blocks) && { blocks: current.message.blocks }),
        },
      }),
    );
    return 'continue';
  }

  private findButton(input: string) {
    if (!this.current) return undefined;
    const buttons = buttonsOf(this.current.message);
    const word = input.replace(/[^a-z0-9]/g, '');
    return buttons.find((b) => String(b.number) === input || b.label.toLowerCase().replace(/[^a-z0-9]/g, '') === word);
  }

  /** Sends one request as Slack would, then waits for the bot's answer and any follow-ups. */
  private async exchange(send: () => Promise<{ status: number; body: string }>): Promise<void> {
    const before = this.activities;
    const result = await send();
    if (result.status !== 200) {
      this.options.write(`The bot refused the request (HTTP ${result.status}).`);
      return;
    }
    if (!(await this.until(() => this.activities > before, this.options.answerTimeoutMs ?? 20_000))) {
      this.options.write('No answer from the bot yet; it may still be waiting for ITNIO.');
      return;
    }
    let seen = -1;
    while (seen !== this.activities) {
      seen = this.activities;
      await this.until(() => this.activities !== seen, this.options.settleMs ?? 150);
    }
  }

  /** Resolves true once `done()` holds, re-checked after each activity; false when `timeoutMs` passes first. */
  private async until(done: () => boolean, timeoutMs: number): Promise<boolean> {
    const signal = AbortSignal.timeout(timeoutMs);
    while (!done()) {
      try {
        await once(this.activity, 'activity', { signal });
      } catch {
        // Only the timeout rejects: nothing emits 'error' on this emitter.
        return false;
      }
    }
    return true;
  }

  private show(activity: SlackActivity): void {
    if (activity.kind === 'call') {
      const { call } = activity;
      if (!call.ok) {
        this.options.write(`(Slack refused ${call.method}: ${call.error})`);
        return;
      }
      if (call.method !== 'chat.postMessage' && call.method !== 'chat.update') return;
      const where = `#${CHANNEL.name}${call.args.thread_ts ? ' · in thread' : ''} · visible to everyone`;
      this.print(where, call.args, false);
      return;
    }
    const body = activity.response.body;
    if (body.delete_original === true) {
      this.options.write('(trunkbot removed the message that was only visible to you)');
      return;
    }
    if (body.response_type === 'in_channel') {
      this.print(`#${CHANNEL.name} · visible to everyone`, body, false);
    } else if (body.replace_original === true && this.current) {
      this.print(
        `updated in place · ${this.current.ephemeral ? 'only visible to you' : `#${CHANNEL.name}`}`,
        body,
        this.current.ephemeral,
      );
    } else {
      this.print('only visible to you', body, true);
    }
  }

  private print(where: string, message: ConsoleMessage, ephemeral: boolean): void {
    const { write, style, dataLabel } = this.options;
    const title = dataLabel ? `${where} · ${dataLabel}` : where;
    write('');
    write(`── ${title} ${'─'.repeat(Math.max(3, 56 - title.length))}`);
    for (const line of renderMessage(message, style)) write(line);
    if (buttonsOf(message).length > 0) this.current = { message, ephemeral };
  }

  private nextTs(): string {
    this.ts += 1;
    return `${this.ts}.000100`;
  }
}
