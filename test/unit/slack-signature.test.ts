import { signSlackRequest } from '../../devkit/sandbox/slack-signature.js';

// Slack's documented example from "Verifying requests from Slack".
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = 1531420618;
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar' +
  '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com' +
  '%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
  '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';

describe('signSlackRequest', () => {
  it("reproduces Slack's documented test vector", () => {
    expect(signSlackRequest(SECRET, BODY, TIMESTAMP)).toEqual({
      'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
      'x-slack-request-timestamp': '1531420618',
    });
  });

  it('changes when the body, timestamp or secret changes', () => {
    const original = signSlackRequest(SECRET, BODY, TIMESTAMP)['x-slack-signature'];
    expect(signSlackRequest(SECRET, `${BODY}x`, TIMESTAMP)['x-slack-signature']).not.toBe(original);
    expect(signSlackRequest(SECRET, BODY, TIMESTAMP + 1)['x-slack-signature']).not.toBe(original);
    expect(signSlackRequest(`${SECRET}x`, BODY, TIMESTAMP)['x-slack-signature']).not.toBe(original);
  });

  it('defaults the timestamp to now, in whole seconds', () => {
    const before = Math.floor(Date.now() / 1000);
    const headers = signSlackRequest(SECRET, BODY);
    const after = Math.floor(Date.now() / 1000);
    const stamp = Number(headers['x-slack-request-timestamp']);
    expect(stamp).toBeGreaterThanOrEqual(before);
    expect(stamp).toBeLessThanOrEqual(after);
    expect(headers['x-slack-signature']).toBe(signSlackRequest(SECRET, BODY, stamp)['x-slack-signature']);
  });
});
