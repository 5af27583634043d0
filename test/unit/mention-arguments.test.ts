import { mentionArguments } from '../../src/listeners/events/app-mention.js';
import { readQuery } from '../../src/pipeline/read-query.js';

describe('mentionArguments', () => {
  test.each([
    ['<@U0BOT> outgoing acme', 'outgoing acme'],
    ['<@U0BOT|trunkbot> trunks in', 'in'],
    ['<@U0BOT>', ''],
    ['<@U0BOT>   ', ''],
    ['hey <@U0BOT> outgoing', 'outgoing'],
    ['hey <@U0BOT> trunks in globex', 'in globex'],
    ['outgoing acme <@U0BOT>', 'outgoing acme'],
    ['<@U0BOT> trunksville', 'trunksville'],
    ['<@U0BOT> trunks-out-01', 'trunks-out-01'],
    ['<@U0OTHER> <@U0BOT> out', 'out'],
    ['<@U0BOT> in <@U0BOT> acme', 'in acme'],
    // Addressed like a person.
    ['<@U0BOT>: in globex', 'in globex'],
    ['<@U0BOT>, down', 'down'],
    ['<@U0BOT>:', ''],
    ['outgoing acme <@U0BOT>:', 'outgoing acme'],
    ['<@U0BOT> trunks: down', 'down'],
    ['<@U0BOT> ::1', '::1'],
    // `trunks` alone lists every trunk, as `/trunks` alone does; a bare mention is still a call for help.
    ['<@U0BOT> Trunks', 'all'],
    ['<@U0BOT> trunks?', 'all'],
    ['<@U0BOT>: trunk', 'all'],
    ['trunks <@U0BOT>', 'all'],
  ])('%j → %j', (text, args) => {
    expect(mentionArguments(text, 'U0BOT')).toBe(args);
  });

  test('without a known bot id, leading mentions are still removed', () => {
    expect(mentionArguments('<@U0BOT> out', undefined)).toBe('out');
  });

  test('a bare mention gets help, `trunks` alone lists every trunk', () => {
    const view = { shareable: false };
    expect(readQuery(mentionArguments('<@U0BOT>', 'U0BOT'), 'mention', view)).toMatchObject({ outcome: 'help' });
    expect(readQuery(mentionArguments('<@U0BOT> trunks', 'U0BOT'), 'mention', view)).toEqual({
      request: { page: 1 },
      view,
    });
  });
});
