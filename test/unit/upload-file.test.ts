import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { webApi } from '@slack/bolt';
import type { CsvFile } from '../../src/export/csv-file.js';
import { ExportError, uploadFile } from '../../src/export/upload-file.js';

/** A stand-in for Slack's file service at the upload URL: it records each request and answers `status`. */
async function fileService(onRequest: (req: IncomingMessage) => void = () => {}) {
  const received: { headers: IncomingMessage['headers']; body: Buffer }[] = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    onRequest(req);
    const pieces: Buffer[] = [];
    req.on('data', (chunk: Buffer) => pieces.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(pieces) });
      res.writeHead(status).end('OK');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload/F1`;
  return {
    url,
    received,
    answer: (code: number) => {
      status = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The Web API side of the flow, recording what the uploader asked for. */
function slackClient(uploadUrl: string) {
  const calls: { method: string; args: Record<string, unknown> }[] = [];
  const client = {
    files: {
      getUploadURLExternal: async (args: Record<string, unknown>) => {
        calls.push({ method: 'files.getUploadURLExternal', args });
        return { ok: true, upload_url: uploadUrl, file_id: 'F1' };
      },
      completeUploadExternal: async (args: Record<string, unknown>) => {
        calls.push({ method: 'files.completeUploadExternal', args });
        return { ok: true };
      },
    },
  } as unknown as webApi.WebClient;
  return { client, calls };
}

const file = (bytes: Buffer, open: () => Readable = () => Readable.from([bytes])): CsvFile => ({
  filename: 'trunks-acme.csv',
  title: 'SIP trunks matching “acme” (2 trunks)',
  length: bytes.length,
  rows: 2,
  open,
});

describe('uploadFile', () => {
  test('asks for an upload URL with the name and length, posts the bytes there, then shares the file', async () => {
    const service = await fileService();
    const { client, calls } = slackClient(service.url);
    try {
      const bytes = Buffer.from('\uFEFFID,Name\r\n1,acme\r\n');
      const id = await uploadFile(client, file(bytes), { channel: 'C0INCIDENT', threadTs: '1.0' }, 'Exported');
      expect(id).toBe('F1');
      expect(calls).toEqual([
        { method: 'files.getUploadURLExternal', args: { filename: 'trunks-acme.csv', length: bytes.length } },
        {
          method: 'files.completeUploadExternal',
          args: {
            files: [{ id: 'F1', title: 'SIP trunks matching “acme” (2 trunks)' }],
            channel_id: 'C0INCIDENT',
            thread_ts: '1.0',
            initial_comment: 'Exported',
          },
        },
      ]);
      expect(service.received).toHaveLength(1);
      const [upload] = service.received;
      expect(upload!.body.equals(bytes)).toBe(true);
      expect(upload!.headers['content-length']).toBe(String(bytes.length));
      expect(upload!.headers['content-type']).toBe('text/csv; charset=utf-8');
      // The upload URL is authorised for this one file; the bot token stays with the Web API.
      expect(upload!.headers.authorization).toBeUndefined();
    } finally {
      await service.close();
    }
  });

  test('sends the bytes while they are still being made, instead of collecting the file first', async () => {
    // The file's second half is made only once the file service has the first: an uploader that read the whole
    // stream before sending would wait for ever, and this test would fail.
    let firstBytesArrived!: () => void;
    const arrived = new Promise<void>((resolve) => {
      firstBytesArrived = resolve;
    });
    const service = await fileService((req) => req.once('data', () => firstBytesArrived()));
    const { client } = slackClient(service.url);
    const head = Buffer.from('ID,Name\r\n');
    const tail = Buffer.from('1,acme\r\n');
    async function* made() {
      yield head;
      await arrived;
      yield tail;
    }
    try {
      const upload = uploadFile(
        client,
        { ...file(Buffer.concat([head, tail])), open: () => Readable.from(made()) },
        { channel: 'D0SUPPORT1' },
        'Exported',
      );
      const stuck = new Promise((_, reject) => {
        const timer = setTimeout(() => reject(new Error('the upload waited for the whole file')), 5_000);
        void arrived.then(() => clearTimeout(timer));
      });
      await Promise.race([upload, stuck]);
      expect(service.received[0]!.body.toString()).toBe('ID,Name\r\n1,acme\r\n');
    } finally {
      await service.close();
    }
  });

  test('a file service that refuses the bytes is an upload error, and the file is not shared', async () => {
    const service = await fileService();
    service.answer(500);
    const { client, calls } = slackClient(service.url);
    try {
      const failed = await uploadFile(client, file(Buffer.from('a\r\n')), { channel: 'C1' }, 'x').catch((e) => e);
      expect(failed).toBeInstanceOf(ExportError);
      expect(failed).toMatchObject({ code: 'export_failed', step: 'upload', slackError: 'http_500' });
      expect(calls.map((c) => c.method)).toEqual(['files.getUploadURLExternal']);
    } finally {
      await service.close();
    }
  });

  test('bytes that do not match the announced length never reach Slack as a complete file', async () => {
    const service = await fileService();
    const { client, calls } = slackClient(service.url);
    try {
      const bytes = Buffer.from('ID\r\n1\r\n');
      const wrong = { ...file(bytes), length: bytes.length + 5 };
      const failed = await uploadFile(client, wrong, { channel: 'C1' }, 'x').catch((e) => e);
      expect(failed).toMatchObject({ step: 'upload' });
      expect(calls.map((c) => c.method)).toEqual(['files.getUploadURLExternal']);
    } finally {
      await service.close();
    }
  });
});
