import { mentionArguments } from '../../src/listeners/events/app-mention.js';

describe('mentionArguments', () => {
  test.each([
    ['<@U0BOT> outgoing acme', 'outgoing acme'],
    ['<@U0BOT|trunkbot> trunks in', 'in'],
    ['<@U0BOT> Trunks', ''],
    ['<@U0BOT>', ''],
    ['hey <@U0BOT> outgoing', 'outgoing'],
    ['hey <@U0BOT> trunks in globex', 'in globex'],
    ['outgoing acme <@U0BOT>', 'outgoing acme'],
    ['<@U0BOT> trunksville', 'trunksville'],
    ['<@U0OTHER> <@U0BOT> out', 'out'],
    ['<@U0BOT> in <@U0BOT> acme', 'in acme'],
  ])('%j → %j', (text, args) => {
    expect(mentionArguments(text, 'U0BOT')).toBe(args);
  });

  test('without a known bot id, leading mentions are still removed', () => {
    expect(mentionArguments('<@U0BOT> out', undefined)).toBe('out');
  });
});
