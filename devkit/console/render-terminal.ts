import { styleText } from 'node:util';
import { tz } from '@date-fns/tz';
import { format } from 'date-fns/format';

/** A Block Kit message as the console receives it from the Slack stand-in. */
export interface ConsoleMessage {
  text?: unknown;
  blocks?: unknown;
}

/** A clickable button, numbered as the console lists it. */
export interface ConsoleButton {
  number: number;
  label: string;
  actionId: string;
  value: string;
  blockId?: string;
}

/** A modal as the console receives it from views.open, views.update or views.push. */
export interface ConsoleModal {
  title?: unknown;
  blocks?: unknown;
  close?: unknown;
}

/** How to draw for one terminal; the caller decides whether it takes colour. */
export interface TerminalStyle {
  color: boolean;
  /** Zone to show Slack date tokens in (the reader's zone, as Slack does); default: this machine's. */
  timeZone?: string;
}

type TextFormat = Parameters<typeof styleText>[0];

// `color` already says whether the terminal takes colour; from Node 20.18 styleText would also check
// process.stdout, which is not the terminal when a test renders. One format per call: 20.12 takes no arrays.
const paint = (on: boolean, textFormat: TextFormat, text: string): string =>
  on ? styleText(textFormat, text, { validateStream: false }) : text;

// The codes the bot writes (test/unit/render-terminal.test.ts checks src/ against this list) and a few
// common ones. Status dots mean nothing without colour, so without it they become words.
const EMOJI: Record<string, { symbol: string; format?: TextFormat; plain?: string }> = {
  large_green_circle: { symbol: '●', format: 'green', plain: '[UP]' },
  red_circle: { symbol: '●', format: 'red', plain: '[DOWN]' },
  white_circle: { symbol: '○', plain: '[?]' },
  warning: { symbol: '⚠', format: 'yellow', plain: '[!]' },
  no_entry: { symbol: '⛔' },
  hourglass_flowing_sand: { symbol: '⏳' },
  hourglass: { symbol: '⌛' },
  white_check_mark: { symbol: '✅' },
  x: { symbol: '❌' },
  eyes: { symbol: '👀' },
  arrows_counterclockwise: { symbol: '🔄' },
  information_source: { symbol: 'ℹ' },
  speech_balloon: { symbol: '💬' },
  page_facing_up: { symbol: '📄', plain: '[file]' },
};

type Block = {
  type?: string;
  block_id?: string;
  text?: { text?: string };
  label?: { text?: string };
  fields?: { text?: string }[];
  elements?: Element[];
  accessory?: Element;
};
type Element = { type?: string; text?: string | { text?: string }; action_id?: string; value?: string };

// Vendor data could carry terminal escape sequences; only our own styling may reach the terminal.
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g;

/** Removes control characters (keeping newlines) so text cannot drive the terminal. */
export function stripControl(text: string): string {
  return text.replace(CONTROL, '');
}

/** Renders Slack mrkdwn for a terminal: bold, italics, code, mentions, date tokens, emoji, HTML escapes. */
export function renderMrkdwn(text: string, style: TerminalStyle): string {
  return stripControl(text)
    .replace(/<!date\^(\d+)\^([^|>]*)\|([^>]*)>/g, (_m, epoch: string, fmt: string) =>
      slackDate(Number(epoch), fmt, style),
    )
    .replace(/<@([A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, id: string) => paint(style.color, 'cyan', `@${id}`))
    .replace(/<#([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) =>
      paint(style.color, 'cyan', `#${name || id}`),
    )
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/:([a-z_]+):/g, (m, name: string) => {
      const e = Object.hasOwn(EMOJI, name) ? EMOJI[name] : undefined;
      if (!e) return m;
      if (!style.color) return e.plain ?? e.symbol;
      return e.format ? paint(true, e.format, e.symbol) : e.symbol;
    })
    .replace(/`([^`\n]*)`/g, (_m, code: string) => paint(style.color, 'cyan', code))
    .replace(
      /(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,:;!?])/g,
      (_m, pre: string, bold: string) => `${pre}${paint(style.color, 'bold', bold)}`,
    )
    .replace(
      /(^|[\s(])_([^_\n]+)_(?=$|[\s).,:;!?])/g,
      (_m, pre: string, italic: string) => `${pre}${paint(style.color, 'italic', italic)}`,
    )
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function slackDate(epochSeconds: number, fmt: string, style: TerminalStyle): string {
  const pattern = fmt.includes('{time_secs}')
    ? 'yyyy-MM-dd HH:mm:ss'
    : fmt.includes('{time}')
      ? 'yyyy-MM-dd HH:mm'
      : 'yyyy-MM-dd';
  return format(new Date(epochSeconds * 1000), pattern, style.timeZone ? { in: tz(style.timeZone) } : {});
}

/** The message's buttons (in actions blocks and as section accessories), numbered from 1 in display order. */
export function buttonsOf(message: ConsoleMessage): ConsoleButton[] {
  const blocks = Array.isArray(message.blocks) ? (message.blocks as Block[]) : [];
  return blocks
    .flatMap((block) => buttonElements(block).map((element) => ({ block, element })))
    .map(({ block, element }, i) => ({
      number: i + 1,
      label: stripControl(typeof element.text === 'object' ? (element.text.text ?? '') : String(element.text ?? '')),
      actionId: element.action_id!,
      value: element.value ?? '',
      ...(typeof block.block_id === 'string' && { blockId: block.block_id }),
    }));
}

function buttonElements(block: Block): Element[] {
  const elements = block.type === 'actions' ? (block.elements ?? []) : block.accessory ? [block.accessory] : [];
  return elements.filter((e) => e.type === 'button' && typeof e.action_id === 'string');
}

/** The whole message as terminal lines: header, cards, context, then numbered buttons. */
export function renderMessage(message: ConsoleMessage, style: TerminalStyle): string[] {
  const blocks = Array.isArray(message.blocks) ? (message.blocks as Block[]) : [];
  if (blocks.length === 0) return [renderMrkdwn(String(message.text ?? ''), style)];
  const lines: string[] = [];
  let numbered = 0;
  const buttonLine = (block: Block): void => {
    const buttons = buttonsOf({ blocks: [block] });
    if (buttons.length === 0) return;
    lines.push(
      buttons
        .map((b) => paint(style.color, 'bold', paint(style.color, 'magenta', `[${numbered + b.number}] ${b.label}`)))
        .join('   '),
    );
    numbered += buttons.length;
  };
  for (const block of blocks) {
    switch (block.type) {
      case 'header':
        lines.push(paint(style.color, 'bold', paint(style.color, 'underline', stripControl(block.text?.text ?? ''))));
        break;
      case 'section':
        if (block.text?.text) lines.push(...renderMrkdwn(block.text.text, style).split('\n'));
        for (const field of block.fields ?? []) lines.push(...renderMrkdwn(field.text ?? '', style).split('\n'));
        buttonLine(block);
        break;
      case 'context':
        lines.push(
          paint(
            style.color,
            'dim',
            (block.elements ?? []).map((e) => renderMrkdwn(typeof e.text === 'string' ? e.text : '', style)).join('  '),
          ),
        );
        break;
      case 'divider':
        lines.push(paint(style.color, 'dim', '─'.repeat(60)));
        break;
      case 'input':
        // Typing into a field is beyond a line-based console: show that the modal asks for it.
        lines.push(`${stripControl(block.label?.text ?? 'Input')}: ${paint(style.color, 'dim', '[text field]')}`);
        break;
      case 'actions':
        buttonLine(block);
        break;
      default:
        break;
    }
  }
  return lines;
}

/** A modal as terminal lines: its title, its blocks with numbered buttons, and how to close it. */
export function renderModal(modal: ConsoleModal, style: TerminalStyle): string[] {
  const title = stripControl(textOf(modal.title) ?? '');
  const close = stripControl(textOf(modal.close) ?? 'Close');
  const blocks = Array.isArray(modal.blocks) && modal.blocks.length > 0 ? renderMessage(modal, style) : [];
  return [
    paint(style.color, 'bold', title),
    ...blocks,
    paint(style.color, 'dim', `[${close}] type close to dismiss the modal`),
  ];
}

/** A Home tab as terminal lines: the app's name (Slack shows no title on Home), then its blocks with numbered buttons. */
export function renderHomeTab(home: ConsoleModal, style: TerminalStyle): string[] {
  const blocks = Array.isArray(home.blocks) && home.blocks.length > 0 ? renderMessage(home, style) : [];
  return [
    paint(style.color, 'bold', 'trunkbot · Home'),
    ...blocks,
    paint(style.color, 'dim', 'type home to open it again, or a number to press a button'),
  ];
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && typeof (value as { text?: unknown }).text === 'string'
    ? (value as { text: string }).text
    : undefined;
}
