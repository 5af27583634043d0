import { decodeSlackInput } from './slack-text.js';

/** `/trunks export [filters]`: the filters' text, to be read like a query. */
export interface ExportCommand {
  filters: string;
}

/**
 * Reads `export [filters]`; undefined for anything else (a query). Only the first word decides, so a trunk
 * named "export" is still found with `name:export`.
 */
export function readExportCommand(raw: string): ExportCommand | undefined {
  const text = decodeSlackInput(raw).trim();
  const [first = '', ...rest] = text.split(/\s+/);
  return first.toLowerCase() === 'export' ? { filters: rest.join(' ') } : undefined;
}
