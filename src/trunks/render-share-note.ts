import type { Block, SlackMessage } from './message.js';
import { escapeClip, oneLine } from './slack-text.js';

// A 500-character note escapes to at most 2,500; a section holds 3,000.
const MAX_NOTE_WIRE = 2_900;
const MAX_NOTE_IN_TEXT = 300;

/**
 * A shared message with the sharer's note right under its "shared by" line. The note is escaped, so
 * `<!channel>` in it cannot ping anyone; mrkdwn such as *bold* still reads as written.
 */
export function withShareNote(message: SlackMessage, note: string | undefined): SlackMessage {
  if (note === undefined || note.trim() === '') return message;
  const block: Block = {
    type: 'section',
    text: { type: 'mrkdwn', text: `:speech_balloon: ${escapeClip(note, MAX_NOTE_WIRE)}` },
  };
  const at = message.blocks.findIndex((b) => b.type === 'context') + 1;
  return {
    // What a phone shows: the note says why this was shared.
    text: `${message.text}\nNote: ${escapeClip(oneLine(note), MAX_NOTE_IN_TEXT)}`,
    blocks: [...message.blocks.slice(0, at), block, ...message.blocks.slice(at)],
  };
}
