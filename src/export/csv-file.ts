import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Trunk } from '../trunks/trunk.js';
import { trunkCsvLines } from './trunk-csv.js';

/** A CSV file to upload: its size is known before its bytes are made, and each open() makes them anew. */
export interface CsvFile {
  filename: string;
  title: string;
  /** Size in bytes, BOM included, as files.getUploadURLExternal wants it up front. */
  length: number;
  /** Data rows (trunks), the header not counted. */
  rows: number;
  /** The bytes, made lazily as the reader asks for them. */
  open(): Readable;
}

// Excel opens a double-clicked CSV in the machine's legacy code page unless the file starts with a BOM, which
// turns accented trunk and group names into mojibake; Google Sheets, LibreOffice and Numbers read the BOM as UTF-8.
const BOM = '\uFEFF';
// Lines are batched into chunks of about this size: few enough writes, small enough to bound what is buffered.
const CHUNK_CHARS = 64 * 1024;
// Counting 10,000 lines takes ~100 ms: the count lets other requests in between, as Bolt has 3 s to ack each.
const LINES_PER_TURN = 2_000;

/**
 * The trunks as a UTF-8 CSV file. The length comes from a first pass over the lines that only counts bytes;
 * open() runs a second pass that encodes them in chunks for the upload. Neither pass keeps the file: the
 * trunks (already in the snapshot) are all that stays in memory, so a 10,000-trunk export holds no copy of it.
 */
export async function csvFile(
  trunks: readonly Trunk[],
  timeZone: string,
  names: { filename: string; title: string },
): Promise<CsvFile> {
  let length = Buffer.byteLength(BOM);
  let counted = 0;
  for (const line of trunkCsvLines(trunks, timeZone)) {
    length += Buffer.byteLength(line);
    counted += 1;
    if (counted % LINES_PER_TURN === 0) await nextTurn();
  }
  return {
    ...names,
    length,
    rows: trunks.length,
    open: () =>
      Readable.from(chunks(trunkCsvLines(trunks, timeZone)), { objectMode: false, highWaterMark: CHUNK_CHARS }),
  };
}

function* chunks(lines: Iterable<string>): Generator<Buffer> {
  let batch = BOM;
  for (const line of lines) {
    batch += line;
    if (batch.length >= CHUNK_CHARS) {
      yield Buffer.from(batch);
      batch = '';
    }
  }
  if (batch !== '') yield Buffer.from(batch);
}
