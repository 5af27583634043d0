import { SANDBOX_SIGNING_SECRET, startSandboxWorld, type SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import { SlackSender } from '../../devkit/sandbox/slack-sender.js';
import { captureLogs } from '../support/capture-logs.js';

// The README's HTTP install order rests on this: Slack saves the events request URL only once it answers
// this handshake, and the bot answers only requests signed with its own SLACK_SIGNING_SECRET.
describe("Slack's url_verification handshake", () => {
  let world: SandboxWorld;

  beforeEach(async () => {
    world = await startSandboxWorld({ logDestination: captureLogs().destination });
  });
  afterEach(async () => {
    await world.close();
  });

  const sender = (signingSecret: string) =>
    new SlackSender({
      eventsUrl: `http://127.0.0.1:${world.bot.port}/slack/events`,
      signingSecret,
      teamId: 'T0SANDBOX',
    });

  test('is answered with the challenge when signed with the signing secret', async () => {
    const answer = await sender(SANDBOX_SIGNING_SECRET).urlVerification('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFX');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFX' });
  });

  test('is refused when the bot has another signing secret, so Slack will not save the URL', async () => {
    const answer = await sender('the-secret-of-another-app').urlVerification('challenge-1');
    expect(answer.status).toBe(401);
    expect(answer.body).not.toContain('challenge-1');
  });
});
