import { text } from 'node:stream/consumers';
import { csvFile } from '../../src/export/csv-file.js';
import { CSV_HEADER, csvCell, trunkCsvLines } from '../../src/export/trunk-csv.js';
import type { Trunk } from '../../src/trunks/trunk.js';
import { readCsv } from '../support/read-csv.js';
import { aGroup, aTrunk } from '../support/trunks.js';

const NAMES = { filename: 'trunks.csv', title: 'Trunks' };

/** The whole file as the uploader would send it, read back as text (BOM kept). */
async function fileText(trunks: Trunk[], timeZone = 'UTC'): Promise<string> {
  return text((await csvFile(trunks, timeZone, NAMES)).open());
}

/** The records of the file, the BOM taken off. */
async function records(trunks: Trunk[], timeZone = 'UTC'): Promise<string[][]> {
  return readCsv((await fileText(trunks, timeZone)).replace(/^\uFEFF/, ''));
}

const column = (name: (typeof CSV_HEADER)[number]) => CSV_HEADER.indexOf(name);

describe('the CSV of an export', () => {
  test('starts with a header naming every field of the record and the agent groups', async () => {
    const [header] = await records([aTrunk()]);
    expect(header).toEqual([
      'ID',
      'Name',
      'Direction',
      'Enabled',
      'Gateway up',
      'Gateway IP',
      'Whitelist IP',
      'Call-center IP',
      'Prefix',
      'SIP account',
      'Created',
      'Updated',
      'Agent groups',
      'Agent group IDs',
    ]);
  });

  test('has one row per trunk with every field, in the list’s order', async () => {
    const trunk = aTrunk({
      keyId: 5000004,
      name: 'globex-eu-in',
      type: 2,
      enabled: false,
      gatewayUp: null,
      groups: [
        aGroup({ groupId: 1, groupName: 'Billing', number: '+44 20 7946 0282' }),
        aGroup({ groupId: 2, groupName: null, number: null }),
      ],
    });
    const [, row, second] = await records([trunk, aTrunk({ keyId: 5000005, name: 'second' })]);
    expect(row).toEqual([
      '5000004',
      'globex-eu-in',
      'incoming',
      'no',
      '',
      '203.0.113.10',
      '198.51.100.7',
      '10.0.0.5',
      '9',
      'acme01',
      '2025-01-10T11:31:21+00:00',
      '2025-01-10T11:31:21+00:00',
      'Billing (+44 20 7946 0282); group 2',
      '1; 2',
    ]);
    expect(second![column('Name')]).toBe('second');
  });

  test('neutralises a trunk named =HYPERLINK(…) so a spreadsheet shows it as text, quoted as RFC 4180 says', async () => {
    const name = '=HYPERLINK("http://x","y")';
    const raw = await fileText([aTrunk({ name })]);
    expect(raw).toContain(`,"'=HYPERLINK(""http://x"",""y"")",`);
    const [, row] = await records([aTrunk({ name })]);
    expect(row![column('Name')]).toBe(`'${name}`);
  });

  test.each([
    ['=1+1', "'=1+1"],
    ['+44 20 7946 0122', "'+44 20 7946 0122"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['  =1', "'  =1"],
    ['acme = good', 'acme = good'],
    ['a-b', 'a-b'],
  ])('a cell holding %j becomes %j', (value, expected) => {
    expect(readCsv(`${csvCell(value)}\r\n`)).toEqual([[expected]]);
  });

  test('a number starting with + in a cell of its own keeps its digits, as text', async () => {
    const [, row] = await records([aTrunk({ prefix: '+4420' })]);
    expect(row![column('Prefix')]).toBe("'+4420");
  });

  test('quotes fields with commas, quotes and line breaks, doubles inner quotes, and ends lines in CRLF', async () => {
    const name = 'Acme, "EU"\nline two\r\nthree';
    const raw = await fileText([aTrunk({ name })]);
    expect(raw).toContain('"Acme, ""EU""\nline two\r\nthree"');
    expect(raw.endsWith('\r\n')).toBe(true);
    expect(raw.replace(/"[^"]*(?:""[^"]*)*"/g, '').match(/\n/g)).toHaveLength(2);
    expect(raw.replace(/"[^"]*(?:""[^"]*)*"/g, '').match(/\r\n/g)).toHaveLength(2);
    const [, row] = await records([aTrunk({ name })]);
    expect(row![column('Name')]).toBe(name);
  });

  test('is UTF-8 with a byte order mark, and its announced length is the bytes it sends', async () => {
    const trunks = [aTrunk({ name: 'Société Générale — Zürich 東京' }), aTrunk({ name: 'plain' })];
    const file = await csvFile(trunks, 'UTC', NAMES);
    const chunks: Buffer[] = [];
    for await (const chunk of file.open()) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.length).toBe(file.length);
    expect(file.rows).toBe(2);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toContain('Société Générale — Zürich 東京');
  });

  test('gives times in the configured zone with its offset', async () => {
    const trunk = aTrunk({ createTime: '2026-11-28 14:03:00', updateTime: '2026-07-01 09:30:05' });
    const cells = async (zone: string) => {
      const [, row] = await records([trunk], zone);
      return [row![column('Created')], row![column('Updated')]];
    };
    expect(await cells('Asia/Shanghai')).toEqual(['2026-11-28T14:03:00+08:00', '2026-07-01T09:30:05+08:00']);
    expect(await cells('Europe/London')).toEqual(['2026-11-28T14:03:00+00:00', '2026-07-01T09:30:05+01:00']);
    expect(await cells('America/St_Johns')).toEqual(['2026-11-28T14:03:00-03:30', '2026-07-01T09:30:05-02:30']);
    expect(await cells('UTC')).toEqual(['2026-11-28T14:03:00+00:00', '2026-07-01T09:30:05+00:00']);
  });

  test('reads times on a daylight-saving day exactly, and keeps text that is no vendor time as it was', async () => {
    // London skips 01:00–02:00 on 29 March 2026 and repeats 01:00–02:00 on 25 October.
    const at = async (createTime: string) => {
      const [, row] = await records([aTrunk({ createTime })], 'Europe/London');
      return row![column('Created')];
    };
    expect(await at('2026-03-29 00:59:59')).toBe('2026-03-29T00:59:59+00:00');
    expect(await at('2026-03-29 02:00:00')).toBe('2026-03-29T02:00:00+01:00');
    expect(await at('2026-03-29 01:30:00')).toBe('2026-03-29 01:30:00');
    expect(await at('2026-10-25 03:00:00')).toBe('2026-10-25T03:00:00+00:00');
    expect(await at('2026-02-30 10:00:00')).toBe('2026-02-30 10:00:00');
    expect(await at('yesterday')).toBe('yesterday');
    expect(await at('-1')).toBe("'-1");
  });

  test('never holds the SIP password or its fingerprint, whatever the record carries', async () => {
    const trunk = { ...aTrunk({ credentialTag: 'tag-0123456789abcdef' }), sipPassword: 'SANDBOX-SECRET-leak' } as Trunk;
    const raw = await fileText([trunk]);
    expect(raw).not.toContain('SANDBOX-SECRET');
    expect(raw).not.toContain('tag-0123456789abcdef');
    expect(raw.toLowerCase()).not.toContain('password');
  });

  test('drops control characters other than tab and line breaks', async () => {
    const [, row] = await records([aTrunk({ name: 'acme\u0000\u001b[31m-out\u0007' })]);
    expect(row![column('Name')]).toBe('acme[31m-out');
  });

  test('makes its lines as they are read, one trunk at a time', () => {
    let pulled = 0;
    function* trunks(): Generator<Trunk> {
      for (let i = 0; i < 10_000; i++) {
        pulled += 1;
        yield aTrunk({ keyId: i });
      }
    }
    const lines = trunkCsvLines(trunks(), 'UTC');
    lines.next();
    lines.next();
    expect(pulled).toBe(1);
  });
});
