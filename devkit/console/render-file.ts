import { styleText } from 'node:util';
import type { UploadedFile } from '../sandbox/slack-files.js';
import { stripControl, type TerminalStyle } from './render-terminal.js';

const PREVIEW_LINES = 4;
const PREVIEW_WIDTH = 110;

/** A shared file as terminal lines: its name, size and line count, then its first lines, as Slack previews it. */
export function renderFile(file: UploadedFile, style: TerminalStyle): string[] {
  const text = (file.bytes ?? Buffer.alloc(0)).toString('utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r\n/).filter((line, i, all) => line !== '' || i < all.length - 1);
  const name = stripControl(
    file.title && file.title !== file.filename ? `${file.filename} — ${file.title}` : file.filename,
  );
  const head = `[file] ${name} · ${size(file.length)} · ${lines.length} ${lines.length === 1 ? 'line' : 'lines'}`;
  const preview = lines.slice(0, PREVIEW_LINES).map((line) => {
    const shown = stripControl(line.replace(/\n/g, '↵'));
    return `  ${shown.length > PREVIEW_WIDTH ? `${shown.slice(0, PREVIEW_WIDTH - 1)}…` : shown}`;
  });
  const more = lines.length > PREVIEW_LINES ? [`  … ${lines.length - PREVIEW_LINES} more`] : [];
  const dim = (line: string) => (style.color ? styleText('dim', line, { validateStream: false }) : line);
  return [style.color ? styleText('bold', head, { validateStream: false }) : head, ...[...preview, ...more].map(dim)];
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
