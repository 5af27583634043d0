import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { trunksCommand } from '../../src/listeners/commands/trunks-command.js';
import { appMention } from '../../src/listeners/events/app-mention.js';
import { checkAccess, type AccessRules } from '../../src/pipeline/access-policy.js';
import { fakeDeps, recorder } from '../support/fake-bolt.js';

const open: AccessRules = { channels: [], users: [], teams: [], contact: '#support-tools' };
const installed = { teamId: 'T0HOME' };

describe('checkAccess', () => {
  test('with no lists, anyone in the installed workspace may ask', () => {
    expect(checkAccess(open, { user: 'U1', channel: 'C1', team: 'T0HOME' }, installed)).toEqual({ allowed: true });
  });

  test('another workspace is refused, and told who to ask', () => {
    const decision = checkAccess(open, { user: 'U1', channel: 'C1', team: 'T0OTHER' }, installed);
    expect(decision).toMatchObject({ allowed: false, reason: 'team' });
    expect(decision.allowed === false && decision.message).toContain('#support-tools');
  });

  test('ALLOWED_TEAM_IDS names every workspace whose people may ask, the installed one included', () => {
    const rules = { ...open, teams: ['T0HOME', 'T0PARTNER'] };
    expect(checkAccess(rules, { user: 'U1', team: 'T0PARTNER' }, installed)).toEqual({ allowed: true });
    expect(checkAccess(rules, { user: 'U1', team: 'T0OTHER' }, installed)).toMatchObject({
      allowed: false,
      reason: 'team',
    });
  });

  test('when the installed workspace is not known yet and no list is set, the workspace rule is skipped', () => {
    expect(checkAccess(open, { user: 'U1', team: 'T0ANY' }, {})).toEqual({ allowed: true });
  });

  test('channel allowlist names the channels to use', () => {
    const rules = { ...open, channels: ['C0INC', 'C0OPS'] };
    expect(checkAccess(rules, { user: 'U1', channel: 'C0INC', team: 'T0HOME' }, installed)).toEqual({ allowed: true });
    const refused = checkAccess(rules, { user: 'U1', channel: 'C0RANDOM', team: 'T0HOME' }, installed);
    expect(refused).toMatchObject({ allowed: false, reason: 'channel' });
    expect(refused.allowed === false && refused.message).toContain('<#C0INC>, <#C0OPS>');
    expect(checkAccess(rules, { user: 'U1', team: 'T0HOME' }, installed)).toMatchObject({
      allowed: false,
      reason: 'channel',
    });
  });

  test('a share into a picked channel needs both that channel and the one it came from on the list', () => {
    const rules = { ...open, channels: ['C0INC', 'C0ALERTS'] };
    const share = { user: 'U1', team: 'T0HOME', channel: 'C0INC', fromChannel: 'C0ALERTS' };
    expect(checkAccess(rules, share, installed)).toEqual({ allowed: true });
    const into = checkAccess(rules, { ...share, channel: 'C0RANDOM' }, installed);
    expect(into).toMatchObject({ allowed: false, reason: 'channel' });
    expect(into.allowed === false && into.message).toMatch(/isn't enabled in <#C0RANDOM>, so it cannot share there/);
    const from = checkAccess(rules, { ...share, fromChannel: 'C0ELSEWHERE' }, installed);
    expect(from).toMatchObject({ allowed: false, reason: 'channel' });
    expect(from.allowed === false && from.message).toMatch(/<#C0ELSEWHERE>, where this was shared from/);
    expect(checkAccess(open, { ...share, fromChannel: 'C0ELSEWHERE' }, installed)).toEqual({ allowed: true });
  });

  test('user allowlist', () => {
    const rules = { ...open, users: ['U0OK'] };
    expect(checkAccess(rules, { user: 'U0OK', team: 'T0HOME' }, installed)).toEqual({ allowed: true });
    expect(checkAccess(rules, { user: 'U0NO', team: 'T0HOME' }, installed)).toMatchObject({
      allowed: false,
      reason: 'user',
    });
  });
});

// The bot is installed in workspace T0HOME of Enterprise org E0ORG: every payload from that org, and every
// event envelope, carries E0ORG, whoever asks.
describe('a workspace install in an Enterprise org', () => {
  const gridDeps = (teams: string[] = []) => {
    const identity = { botId: 'B1', botUserId: 'UBOT', teamId: 'T0HOME', enterpriseId: 'E0ORG' };
    return fakeDeps({
      identity: { current: () => identity, refresh: () => undefined, resolve: async () => identity },
      access: { channels: [], users: [], teams, contact: '#support-tools' },
    });
  };
  const command = (team: string) => {
    const respond = recorder<{ text?: string }>();
    const args = {
      ack: recorder(),
      respond,
      client: {},
      command: {
        text: 'acme',
        user_id: 'W1',
        channel_id: 'C1',
        team_id: team,
        enterprise_id: 'E0ORG',
        trigger_id: `trig-${team}`,
      },
    };
    return { respond, args: args as unknown as SlackCommandMiddlewareArgs & AllMiddlewareArgs };
  };
  const mention = (userTeam: string) => {
    const postMessage = recorder();
    const postEphemeral = recorder<{ text?: string }>();
    const args = {
      event: { type: 'app_mention', text: '<@UBOT> acme', user: 'U9', channel: 'C1', ts: '1.000', user_team: userTeam },
      body: { event_id: `Ev-${userTeam}`, team_id: 'T0HOME', enterprise_id: 'E0ORG' },
      client: { chat: { postMessage, postEphemeral } },
      context: { botUserId: 'UBOT' },
    };
    return { postMessage, postEphemeral, args: args as unknown as Parameters<ReturnType<typeof appMention>>[0] };
  };

  test('answers its own workspace', async () => {
    const { deps, audits } = gridDeps();
    await trunksCommand(deps)(command('T0HOME').args);
    expect(audits()).toEqual([expect.objectContaining({ outcome: 'ok', team: 'T0HOME', enterprise: 'E0ORG' })]);
  });

  test('refuses another workspace of the same org, though its payload names the same org', async () => {
    const { deps, audits, queries } = gridDeps();
    const { args, respond } = command('T0SIBLING');
    await trunksCommand(deps)(args);
    expect(respond.calls[0]?.text).toContain('trunkbot only answers its own workspace');
    expect(queries).toHaveLength(0);
    expect(audits()).toEqual([expect.objectContaining({ outcome: 'refused_team', team: 'T0SIBLING' })]);
  });

  test('refuses a Slack Connect partner whose mention arrives in an envelope naming our org', async () => {
    const { deps, audits, queries } = gridDeps();
    const m = mention('T0PARTNER');
    await appMention(deps)(m.args);
    expect(m.postMessage.calls).toHaveLength(0);
    expect(m.postEphemeral.calls[0]?.text).toContain('trunkbot only answers its own workspace');
    expect(queries).toHaveLength(0);
    expect(audits()).toEqual([expect.objectContaining({ outcome: 'refused_team', team: 'T0PARTNER' })]);
  });

  test('answers a partner workspace once ALLOWED_TEAM_IDS lists it', async () => {
    const { deps, audits } = gridDeps(['T0HOME', 'T0PARTNER']);
    await appMention(deps)(mention('T0PARTNER').args);
    expect(audits()).toEqual([expect.objectContaining({ outcome: 'ok', team: 'T0PARTNER' })]);
  });
});
