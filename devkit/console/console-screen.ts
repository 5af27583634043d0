import type { SlackActivity } from '../sandbox/slack-stand-in.js';
import type { SlackView } from '../sandbox/slack-views.js';
import {
  buttonsOf,
  renderHomeTab,
  renderMessage,
  renderModal,
  type ConsoleMessage,
  type TerminalStyle,
} from './render-terminal.js';

/**
 * What numbered input clicks: the open modal, else the Home tab or the latest message with buttons, whichever
 * was shown last. A message in the bot's DM carries that DM's channel id, which its clicks name.
 */
export type ClickTarget =
  | { kind: 'message'; message: ConsoleMessage; ephemeral: boolean; channel?: string }
  | { kind: 'modal'; view: SlackView }
  | { kind: 'home'; view: SlackView };

/** How the screen draws and whose point of view it takes. */
export interface ConsoleScreenOptions {
  write: (line: string) => void;
  style: TerminalStyle;
  /** Shown on every message, e.g. `sandbox data`, so a screenshot cannot pass for real trunks. */
  dataLabel?: string;
  userId: string;
  /** The console's channel, shown by name; the bot's posts elsewhere (an alert channel) show their id. */
  channelId: string;
  channelName: string;
}

const VIEW_METHODS: Record<string, string> = {
  'views.open': 'modal',
  'views.push': 'modal (on top of the previous one)',
  'views.update': 'modal updated',
};

/** Draws what the bot does on the Slack side, as the console user would see it, and keeps what can be clicked. */
export class ConsoleScreen {
  private message: { message: ConsoleMessage; ephemeral: boolean; channel?: string } | undefined;
  private modal: SlackView | undefined;
  private home: SlackView | undefined;
  /** The Home tab was shown after the latest message with buttons, so numbers press its buttons. */
  private homeInFront = false;
  /** What the bot posted in channels (by `channel:ts`), so an edit shows the whole message and where it is. */
  private readonly posted = new Map<string, { message: ConsoleMessage; threaded: boolean }>();

  constructor(private readonly options: ConsoleScreenOptions) {}

  /** The open modal, else the Home tab or the latest message with buttons, whichever was shown last. */
  target(): ClickTarget | undefined {
    if (this.modal) return { kind: 'modal', view: this.modal };
    if (this.home && this.homeInFront) return { kind: 'home', view: this.home };
    return this.message && { kind: 'message', ...this.message };
  }

  /** Closes the open modal, as its close button would; false when none is open. */
  closeModal(): boolean {
    const open = this.modal !== undefined;
    this.modal = undefined;
    return open;
  }

  /** Shows one thing the bot did: a Web API call or a post to a response_url. */
  show(activity: SlackActivity): void {
    const { write, channelName, userId } = this.options;
    if (activity.kind === 'call') {
      const { call } = activity;
      if (!call.ok) {
        const retry = call.retryAfterSeconds === undefined ? '' : `, retry after ${call.retryAfterSeconds} s`;
        const messages = call.messages ? ` — ${call.messages.join('; ')}` : '';
        write(`(Slack refused ${call.method}: ${call.error}${retry}${messages})`);
        return;
      }
      if (call.method === 'views.publish') {
        // Only the console user's own Home is on this screen.
        if (call.view && call.args.user_id === userId) this.showHome(call.view);
        return;
      }
      const channel = String(call.args.channel);
      // A post to a user ID (or to a `D…` id) is the bot's direct message: in its Messages tab, not a channel.
      if (call.method === 'chat.postMessage' && /^[UWD][A-Z0-9]+$/.test(channel)) {
        this.print('direct message from trunkbot · only you and trunkbot', call.args, false, call.channel ?? channel);
        return;
      }
      const key = `${channel}:${call.ts ?? ''}`;
      const before = call.method === 'chat.update' ? this.posted.get(key) : undefined;
      const threaded = before ? before.threaded : Boolean(call.args.thread_ts);
      const where = `#${channel === this.options.channelId ? channelName : channel}${threaded ? ' · in thread' : ''}`;
      if (call.method === 'chat.postMessage') {
        this.posted.set(key, { message: call.args, threaded });
        this.print(`${where} · visible to everyone`, call.args, false);
      } else if (call.method === 'chat.update') {
        // Slack keeps the text or blocks an edit leaves out, so the message shown is the merged one.
        const message = {
          text: call.args.text ?? before?.message.text,
          blocks: call.args.blocks ?? before?.message.blocks,
        };
        this.posted.set(key, { message, threaded });
        this.print(`${where} · edited`, message, false);
      } else if (call.method === 'chat.postEphemeral') {
        const to = call.args.user === userId ? 'you' : `@${String(call.args.user)}`;
        this.print(`${where} · only visible to ${to}`, call.args, true);
      } else if (call.view && Object.hasOwn(VIEW_METHODS, call.method)) {
        this.modal = call.view;
        this.frame(`${VIEW_METHODS[call.method]} · only visible to you`);
        for (const line of renderModal(call.view, this.options.style)) write(line);
      }
      return;
    }
    const body = activity.response.body;
    if (body.delete_original === true) {
      write('(trunkbot removed the message that was only visible to you)');
      return;
    }
    if (body.response_type === 'in_channel') {
      this.print(`#${channelName} · visible to everyone`, body, false);
    } else if (body.replace_original === true && this.message) {
      const { ephemeral, channel } = this.message;
      const where = ephemeral ? 'only visible to you' : channel ? 'direct message from trunkbot' : `#${channelName}`;
      this.print(`updated in place · ${where}`, body, ephemeral, channel);
    } else {
      this.print('only visible to you', body, true);
    }
  }

  private print(where: string, message: ConsoleMessage, ephemeral: boolean, channel?: string): void {
    this.frame(where);
    for (const line of renderMessage(message, this.options.style)) this.options.write(line);
    if (buttonsOf(message).length > 0) {
      this.message = { message, ephemeral, ...(channel !== undefined && { channel }) };
      this.homeInFront = false;
    }
  }

  private showHome(view: SlackView): void {
    this.home = view;
    this.homeInFront = true;
    this.frame('App Home · only visible to you');
    for (const line of renderHomeTab(view, this.options.style)) this.options.write(line);
  }

  private frame(where: string): void {
    const { write, dataLabel } = this.options;
    const title = dataLabel ? `${where} · ${dataLabel}` : where;
    write('');
    write(`── ${title} ${'─'.repeat(Math.max(3, 56 - title.length))}`);
  }
}
