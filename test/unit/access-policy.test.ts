import { checkAccess, type AccessRules } from '../../src/pipeline/access-policy.js';

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

  test('an Enterprise org install accepts its workspaces by enterprise id', () => {
    const rules = { ...open, teams: ['E0ORG'] };
    expect(checkAccess(rules, { user: 'U1', team: 'T0ANY', enterprise: 'E0ORG' }, installed)).toEqual({
      allowed: true,
    });
    expect(checkAccess(rules, { user: 'U1', team: 'T0HOME' }, installed)).toMatchObject({
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
