import { ITNIO_HELP } from './itnio-commands.js';
import { TIME_HELP } from './time-commands.js';

/**
 * The fixed labels of the bot's buttons as the console reads them (case and symbols like ‹ › ↻ do not
 * matter). Labels that carry a number or a name are described in the help instead.
 */
export const BUTTON_WORDS = [
  'next',
  'prev',
  'refresh',
  'share',
  'details',
  'share to channel',
  'remove',
  'changed in 24 h',
  'retry',
  'export csv',
  'down (N)',
  'changed in 24 h (N)',
  'stats',
];

/** What the console user can type, besides what they would type in Slack. */
export const CONSOLE_HELP = [
  'Type what you would type in Slack:',
  '  /trunks outgoing acme     a slash command (answer only visible to you)',
  '  @trunkbot incoming        a mention, anywhere in the line (answer in a thread, visible to the channel)',
  '  shortcut <pasted text>    run "Find trunks in this message" on a message with that text',
  '  home                      open trunkbot’s Home tab: counts, trunks down, your watches',
  '  1, 2 … or a label         click a button on the open modal, else on Home or the latest message; labels:',
  ...wrapped(BUTTON_WORDS, 70).map((line) => `                            ${line},`),
  '                            list all N down, or a suggestion’s, such as 5 in group Support Tier 1',
  '  close                     close the open modal',
  ...ITNIO_HELP,
  ...TIME_HELP,
  '  wait <seconds>            wait 1–120 s, showing whatever the bot posts meanwhile (alerts)',
  '  help                      how to use trunkbot     quit   leave',
];

/** Words joined with commas, in lines of at most `width` characters. */
function wrapped(words: readonly string[], width: number): string[] {
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + word.length + 2 <= width) lines[lines.length - 1] = `${last}, ${word}`;
    else lines.push(word);
  }
  return lines;
}
