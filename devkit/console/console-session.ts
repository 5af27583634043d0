import { setTimeout as delay } from 'node:timers/promises';
import type { RunningBot } from '../../src/bot.js';
import type { SandboxWorld } from '../sandbox/sandbox-world.js';
import { BotActivity } from './bot-activity.js';
import { ConsoleScreen } from './console-screen.js';
import { BUTTON_WORDS, CONSOLE_HELP } from './console-help.js';
import { runItnioCommand } from './itnio-commands.js';
import { buttonsOf, type ConsoleButton, type TerminalStyle } from './render-terminal.js';
import { type ConsoleTime, runTimeCommand } from './time-commands.js';

/**
 * What a console session drives: the Slack stand-in it watches, the sender it types through and, when
 * the world runs them, the sandbox ITNIO API the `itnio` commands change and the bot whose replies in
 * flight an input waits for.
 */
export interface ConsoleSessionOptions {
  world: Pick<SandboxWorld, 'slack' | 'sender' | 'sandbox'> & { bot?: Pick<RunningBot, 'inflight'> };
  write: (line: string) => void;
  style: TerminalStyle;
  /** How long to wait for the bot to answer one input. */
  answerTimeoutMs?: number;
  /** Quiet time after an answer in which follow-ups (like a removed private message) still belong to it. */
  settleMs?: number;
  /** Shown on every message, e.g. `sandbox data`, so a screenshot cannot pass for real trunks. */
  dataLabel?: string;
  /**
   * Called after the console showed something the bot posted on its own while no input was being
   * handled (an alert), so that an interactive prompt can be drawn again below it.
   */
  onUnpromptedOutput?: () => void;
  /** How `wait` passes time (default: a timer). */
  sleep?: (ms: number) => Promise<void>;
  /** The bot's movable clock and digest poster, for `time …`; without it (the real vendor) they say why not. */
  time?: ConsoleTime;
}

const CHANNEL = { id: 'C0INCIDENT', name: 'incident-123' };
const USER = { id: 'U0SUPPORT1', name: 'support.engineer' };

/** The callback id the console sends for the "Find trunks in this message" message shortcut. */
export const FIND_TRUNKS_SHORTCUT = 'find_trunks_in_message';

/** `@trunkbot` (or `@trunk-bot`, `@trunk_bot`) as a word of its own, wherever it is in the line. */
const MENTION = /(^|[^\w@<])@trunk[-_]?bot\b/i;

/** A button label or typed word as the console compares them: letters and digits only, any case. */
const asLabel = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** A terminal stand-in for the Slack client: sends what a user does to the bot, shows what the bot posts. */
export class ConsoleSession {
  private readonly screen: ConsoleScreen;
  private readonly activity: BotActivity;
  private ts = 1_700_000_000;
  /** Inputs being handled: output while none is comes from the bot on its own. */
  private busy = 0;

  constructor(private readonly options: ConsoleSessionOptions) {
    const { write, style, dataLabel } = options;
    this.screen = new ConsoleScreen({
      write,
      style,
      dataLabel,
      userId: USER.id,
      channelId: CHANNEL.id,
      channelName: CHANNEL.name,
    });
    this.activity = new BotActivity(options.world.slack, (activity) => {
      this.screen.show(activity);
      if (this.busy === 0) options.onUnpromptedOutput?.();
    });
  }

  /** Handles one line of input; resolves to 'quit' when the user is done. */
  async handle(input: string): Promise<'quit' | 'continue'> {
    this.busy += 1;
    try {
      return await this.dispatch(input);
    } finally {
      this.busy -= 1;
    }
  }

  /** Stops watching the Slack stand-in. */
  close(): void {
    this.activity.close();
  }

  private async dispatch(input: string): Promise<'quit' | 'continue'> {
    const line = input.trim();
    if (line === '') return 'continue';
    const lower = line.toLowerCase();
    if (['quit', 'exit', 'q', '/quit', '/exit'].includes(lower)) return 'quit';
    if (lower === 'help' || lower === '?') {
      for (const line of CONSOLE_HELP) this.options.write(line);
      return this.command('help');
    }
    if (lower === 'close') {
      this.options.write(this.screen.closeModal() ? '(modal closed)' : 'No modal is open.');
      return 'continue';
    }
    if (lower === 'itnio' || lower.startsWith('itnio ')) {
      for (const out of runItnioCommand(line.slice('itnio'.length), this.options.world.sandbox)) {
        this.options.write(out);
      }
      return 'continue';
    }
    if (lower === 'home') return this.openHome();
    if (lower === 'wait' || lower.startsWith('wait ')) return this.wait(line.slice('wait'.length).trim());
    if (lower === 'time' || lower.startsWith('time ')) {
      await runTimeCommand(line.slice('time'.length), this.options.time, this.options.write);
      return 'continue';
    }
    if (lower === 'shortcut' || lower.startsWith('shortcut ')) return this.shortcut(line.slice('shortcut'.length));
    if (lower === '/trunks' || lower.startsWith('/trunks ')) return this.command(line.slice('/trunks'.length));
    if (line.startsWith('/')) {
      this.options.write(`Only /trunks is installed here. Type help for examples.`);
      return 'continue';
    }
    // As in Slack, a message that names the bot anywhere is a mention.
    if (MENTION.test(line)) return this.mention(line);
    const button = this.findButton(lower);
    if (button) return this.click(button);
    if (/^\d+$/.test(line) || BUTTON_WORDS.some((word) => asLabel(word) === asLabel(lower))) {
      const kind = this.screen.target()?.kind;
      this.options.write(
        kind === 'modal'
          ? `There is no button "${line}" on the open modal (type close to close it).`
          : kind === 'home'
            ? `There is no button "${line}" on the Home tab.`
            : kind
              ? `There is no button "${line}" on the latest message.`
              : 'No message with buttons yet: try /trunks first.',
      );
      return 'continue';
    }
    // Anything else is read as /trunks arguments: forgiving, like the bot itself.
    return this.command(line);
  }

  /** Lets time pass, so that what the bot posts on its own (alerts) shows up in a piped transcript too. */
  private async wait(seconds: string): Promise<'continue'> {
    const { write, sleep = delay } = this.options;
    const n = /^\d{1,3}$/.test(seconds) ? Number(seconds) : 0;
    if (n < 1 || n > 120) {
      write('Give wait a whole number of seconds from 1 to 120, e.g. wait 6');
      return 'continue';
    }
    const before = this.activity.count;
    await sleep(n * 1000);
    if (this.activity.count === before) write(`(nothing from the bot in ${n} s)`);
    return 'continue';
  }

  private async command(text: string): Promise<'continue'> {
    const { world } = this.options;
    // In Slack the composer is behind an open modal: typing a command means it was closed first.
    this.screen.closeModal();
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

  /** Opens the Home tab, as clicking the app in Slack's sidebar does: Slack tells the bot, which publishes it. */
  private async openHome(): Promise<'continue'> {
    const { world } = this.options;
    this.screen.closeModal();
    await this.exchange(() => world.sender.appHomeOpened(USER.id));
    return 'continue';
  }

  private async mention(line: string): Promise<'continue'> {
    const { world } = this.options;
    this.screen.closeModal();
    await this.exchange(() =>
      world.sender.appMention({
        // Slack writes a mention picked from the menu as <@U…>, where it was typed.
        text: line.replace(
          new RegExp(MENTION.source, 'gi'),
          (_m, before: string) => `${before}<@${world.slack.botUserId}>`,
        ),
        userId: USER.id,
        channelId: CHANNEL.id,
        ts: this.nextTs(),
      }),
    );
    return 'continue';
  }

  private async shortcut(text: string): Promise<'continue'> {
    const { world, write } = this.options;
    if (text.trim() === '') {
      write('Paste the message after the word, e.g. shortcut SIP 503 from 203.0.113.10 on +44 20 7946 0122');
      return 'continue';
    }
    this.screen.closeModal();
    await this.exchange(() =>
      world.sender.messageShortcut({
        callbackId: FIND_TRUNKS_SHORTCUT,
        text: text.trim(),
        responseUrl: world.slack.newResponseUrl(),
        userId: USER.id,
        channelId: CHANNEL.id,
        messageTs: this.nextTs(),
      }),
    );
    return 'continue';
  }

  private async click(button: ConsoleButton): Promise<'continue'> {
    const { world } = this.options;
    const target = this.screen.target()!;
    const click = {
      actionId: button.actionId,
      value: button.value,
      actionText: button.label,
      userId: USER.id,
      ...(button.blockId !== undefined && { blockId: button.blockId }),
    };
    if (target.kind === 'modal' || target.kind === 'home') {
      await this.exchange(() => world.sender.viewBlockAction({ ...click, view: target.view }));
      return 'continue';
    }
    const { message, ephemeral, channel } = target;
    const responseUrl = world.slack.newResponseUrl();
    this.screen.clickedFrom(responseUrl, { message, ephemeral, ...(channel !== undefined && { channel }) });
    await this.exchange(() =>
      world.sender.blockAction({
        ...click,
        responseUrl,
        channelId: channel ?? CHANNEL.id,
        isEphemeral: ephemeral,
        message: {
          ts: this.nextTs(),
          ...(typeof message.text === 'string' && { text: message.text }),
          ...(Array.isArray(message.blocks) && { blocks: message.blocks }),
        },
      }),
    );
    return 'continue';
  }

  private findButton(input: string): ConsoleButton | undefined {
    const target = this.screen.target();
    if (!target) return undefined;
    const buttons = buttonsOf(target.kind === 'message' ? target.message : target.view);
    const words = (label: string) =>
      label
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean);
    return buttons.find(
      (b) =>
        String(b.number) === input ||
        asLabel(b.label) === asLabel(input) ||
        // A label's first word will do (`export` for Export CSV); numbers stay button numbers.
        (/^[a-z]+$/.test(input) && words(b.label)[0] === input),
    );
  }

  /** Sends one request as Slack would, then waits for the bot's answer and any follow-ups. */
  private async exchange(send: () => Promise<{ status: number; body: string }>): Promise<void> {
    const { write, answerTimeoutMs = 20_000, settleMs = 150, world } = this.options;
    const before = this.activity.count;
    const result = await send();
    if (result.status !== 200) {
      // Bolt answers 404 when no listener acknowledged the request within 3 seconds.
      const hint = result.status === 404 ? ': nothing in the bot acknowledged it' : '';
      write(`The bot refused the request (HTTP ${result.status}${hint}).`);
      return;
    }
    const wait = { timeoutMs: answerTimeoutMs, settleMs, ...(world.bot && { inflight: world.bot.inflight }) };
    if (!(await this.activity.answered(before, wait))) {
      write('No answer from the bot yet; it may still be waiting for ITNIO.');
    }
  }

  private nextTs(): string {
    this.ts += 1;
    return `${this.ts}.000100`;
  }
}
