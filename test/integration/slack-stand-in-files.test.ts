import { webApi } from '@slack/bolt';
import { startSlackStandIn, type SlackStandIn } from '../../devkit/sandbox/slack-stand-in.js';

let standIn: SlackStandIn;
let client: webApi.WebClient;

beforeEach(async () => {
  standIn = await startSlackStandIn();
  client = new webApi.WebClient(standIn.botToken, {
    slackApiUrl: standIn.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: webApi.LogLevel.ERROR,
  });
});
afterEach(() => standIn.close());

const refusedWith = (error: string) => expect.objectContaining({ data: expect.objectContaining({ error }) });
const bytes = Buffer.from('ID,Name\r\n1,acme\r\n');

/** Starts an upload of `bytes` and returns its URL and file id. */
async function start(length = bytes.length) {
  const slot = await client.files.getUploadURLExternal({ filename: 'trunks.csv', length });
  return { url: slot.upload_url!, id: slot.file_id! };
}

describe('Slack stand-in file uploads', () => {
  test('hands out an upload URL on itself, keeps the bytes, and shares the file where completeUploadExternal says', async () => {
    const { url, id } = await start();
    expect(url.startsWith(standIn.url)).toBe(true);
    const uploaded = await fetch(url, { method: 'POST', body: bytes });
    expect(uploaded.status).toBe(200);
    await client.files.completeUploadExternal({
      files: [{ id, title: 'Trunks' }],
      channel_id: 'C0INCIDENT',
      thread_ts: '1.0',
      initial_comment: 'Here',
    });
    expect(standIn.files).toEqual([
      expect.objectContaining({
        id,
        filename: 'trunks.csv',
        length: bytes.length,
        completed: true,
        title: 'Trunks',
        channel: 'C0INCIDENT',
        threadTs: '1.0',
        comment: 'Here',
      }),
    ]);
    expect(standIn.files[0]!.bytes!.equals(bytes)).toBe(true);
    const call = await standIn.waitForCall('files.completeUploadExternal');
    expect(call.files?.map((f) => f.id)).toEqual([id]);
  });

  test('refuses bytes that differ from the announced length, and a second upload to the same URL', async () => {
    const short = await start(bytes.length + 1);
    expect((await fetch(short.url, { method: 'POST', body: bytes })).status).toBe(400);
    expect(standIn.files[0]!.bytes).toBeUndefined();
    const once = await start();
    expect((await fetch(once.url, { method: 'POST', body: bytes })).status).toBe(200);
    expect((await fetch(once.url, { method: 'POST', body: bytes })).status).toBe(404);
  });

  test('completing a file that was never uploaded is refused', async () => {
    const { id } = await start();
    await expect(client.files.completeUploadExternal({ files: [{ id }], channel_id: 'C0INCIDENT' })).rejects.toEqual(
      refusedWith('file_not_found'),
    );
  });

  test('sharing in a channel the bot is not in, or one that is gone, is refused as chat.postMessage is', async () => {
    standIn.setChannel('C0NOBOT', { botMember: false });
    for (const [channel, error] of [
      ['C0NOBOT', 'not_in_channel'],
      ['C0GONE1', 'channel_not_found'],
    ] as const) {
      const { url, id } = await start();
      await fetch(url, { method: 'POST', body: bytes });
      await expect(client.files.completeUploadExternal({ files: [{ id }], channel_id: channel })).rejects.toEqual(
        refusedWith(error),
      );
      expect(standIn.files.find((f) => f.id === id)?.completed).toBe(false);
    }
  });

  test('conversations.open gives one direct message channel per user', async () => {
    const first = await client.conversations.open({ users: 'U0SUPPORT1' });
    const again = await client.conversations.open({ users: 'U0SUPPORT1' });
    const other = await client.conversations.open({ users: 'U0OTHER' });
    expect(first.channel?.id).toBe('D0SUPPORT1');
    expect(again.channel?.id).toBe('D0SUPPORT1');
    expect(other.channel?.id).toBe('D0OTHER');
  });
});
