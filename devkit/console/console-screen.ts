import type { UploadedFile } from '../sandbox/slack-files.js';
import type { ApiCall, ResponseUrlPost, SlackActivity } from '../sandbox/slack-stand-in.js';
import type { SlackView } from '../sandbox/slack-views.js';
import { renderFile } from './render-file.js';
import {
  buttonsOf,
  renderHomeTab,
  renderMessage,
  renderModal,
  type ConsoleMessage,
  type TerminalStyle,
} from './render-terminal.js';

/** A message on screen, and whether only the console user sees it. */
export interface ShownMessage {
  message: ConsoleMessage;
  ephemeral: boolean;
  /** The bot's DM with the console user, when the message is there: its clicks name that channel. */
  channel?: string;
}

/** What numbered input clicks: the open modal, else the latest message with buttons. */
export type ClickTarget =
  | ({ kind: 'message' } & ShownMessage)
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
  private message: ShownMessage | undefined;
  private modal: SlackView | undefined;
  private home: SlackView | undefined;
  /** The Home tab was shown after the latest message with buttons, so numbers press its buttons. */
  private homeInFront = false;
  /** What the bot posted in channels (by `channel:ts`), so an edit shows the whole message and where it is. */
  private readonly posted = new Map<string, { message: ConsoleMessage; threaded: boolean }>();
  /** The message each response_url replaces (the one clicked, or a command's first reply), by the url's id. */
  private readonly origins = new Map<string, ShownMessage>();

  constructor(private readonly options: ConsoleScreenOptions) {}

  /** The open modal, else the latest message with buttons. */
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

  /** Says which message a response_url was issued for (a click on it), so what the bot posts there lands on it. */
  clickedFrom(responseUrl: string, origin: ShownMessage): void {
    this.origins.set(responseUrl.slice(responseUrl.lastIndexOf('/') + 1), origin);
  }

  /** Shows one thing the bot did: a Web API call or a post to a response_url. */
  show(activity: SlackActivity): void {
    if (activity.kind === 'call') this.showCall(activity.call);
    else this.showResponse(activity.response);
  }

  private showCall(call: ApiCall): void {
    const { write, channelName, userId } = this.options;
    if (!call.ok) {
      const retry = call.retryAfterSeconds === undefined ? '' : `, retry after ${call.retryAfterSeconds} s`;
      const messages = call.messages ? ` — ${call.messages.join('; ')}` : '';
      write(`(Slack refused ${call.method}: ${call.error}${retry}${messages})`);
      return;
    }
    if (call.method === 'files.completeUploadExternal') {
      this.showFiles(call.args, call.files ?? []);
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
    const known = call.method === 'chat.postMessage' ? undefined : this.posted.get(key);
    const threaded = known ? known.threaded : Boolean(call.args.thread_ts);
    const where = `#${channel === this.options.channelId ? channelName : channel}${threaded ? ' · in thread' : ''}`;
    if (call.method === 'chat.postMessage') {
      this.posted.set(key, { message: call.args, threaded });
      this.print(`${where} · visible to everyone`, call.args, false);
    } else if (call.method === 'chat.update') {
      // Slack keeps the text or blocks an edit leaves out, so the message shown is the merged one.
      const message = {
        text: call.args.text ?? known?.message.text,
        blocks: call.args.blocks ?? known?.message.blocks,
      };
      this.posted.set(key, { message, threaded });
      this.forget(known?.message);
      this.print(`${where} · edited`, message, false);
    } else if (call.method === 'chat.delete') {
      this.posted.delete(key);
      this.forget(known?.message);
      const gone = known ? `: ${preview(known.message, this.options.style)}` : '';
      write(`(trunkbot deleted its message in ${where}${gone})`);
    } else if (call.method === 'chat.postEphemeral') {
      const to = call.args.user === userId ? 'you' : `@${String(call.args.user)}`;
      this.print(`${where} · only visible to ${to}`, call.args, true);
    } else if (call.view && Object.hasOwn(VIEW_METHODS, call.method)) {
      this.modal = call.view;
      this.frame(`${VIEW_METHODS[call.method]} · only visible to you`);
      for (const line of renderModal(call.view, this.options.style)) write(line);
    }
  }

  private showResponse(response: ResponseUrlPost): void {
    const { write, channelName } = this.options;
    const { body } = response;
    const origin = this.origins.get(response.id);
    if (body.delete_original === true) {
      this.forget(origin?.message);
      write(
        origin && !origin.ephemeral
          ? `(trunkbot deleted its message in #${channelName}: ${preview(origin.message, this.options.style)})`
          : '(trunkbot removed the message that was only visible to you)',
      );
      return;
    }
    if (body.response_type === 'in_channel') {
      this.print(`#${channelName} · visible to everyone`, body, false);
    } else if (origin && body.replace_original === true) {
      const { ephemeral, channel } = origin;
      this.forget(origin.message);
      this.origins.set(response.id, { message: body, ephemeral, ...(channel !== undefined && { channel }) });
      const where = ephemeral ? 'only visible to you' : channel ? 'direct message from trunkbot' : `#${channelName}`;
      this.print(`updated in place · ${where}`, body, ephemeral, channel);
    } else {
      // A command's response_url has no message of its own: its first private reply is what later ones replace.
      if (!origin) this.origins.set(response.id, { message: body, ephemeral: true });
      this.print('only visible to you', body, true);
    }
  }

  /** A message that was replaced or deleted can no longer be clicked. */
  private forget(message: ConsoleMessage | undefined): void {
    if (message && this.message?.message === message) this.message = undefined;
  }

  /** Files shared in a channel or a DM, with the message they were shared with. */
  private showFiles(args: Record<string, unknown>, files: UploadedFile[]): void {
    const { write, style, channelId, channelName } = this.options;
    const channel = String(args.channel_id ?? '');
    const thread = args.thread_ts === undefined ? '' : ' · in thread';
    const where = channel.startsWith('D')
      ? 'direct message from trunkbot · only visible to you'
      : `#${channel === channelId ? channelName : channel}${thread} · visible to everyone`;
    this.frame(`${where} · file`);
    if (typeof args.initial_comment === 'string')
      for (const line of renderMessage({ text: args.initial_comment }, style)) write(line);
    for (const file of files) for (const line of renderFile(file, style)) write(line);
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

/** The first line of a message, short, to say which one went away. */
function preview(message: ConsoleMessage, style: TerminalStyle): string {
  const first = renderMessage(message, { ...style, color: false })[0] ?? '';
  return first.length > 60 ? `${first.slice(0, 59)}…` : first;
}
