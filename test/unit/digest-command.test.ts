import { readDigestCommand } from '../../src/trunks/digest-command.js';

describe('readDigestCommand', () => {
  test.each([
    ['digest', { kind: 'show' }],
    ['  Digest  ', { kind: 'show' }],
    ['digest off', { kind: 'off' }],
    ['digest STOP', { kind: 'off' }],
    ['digest 09:00', { kind: 'set', time: '09:00', filters: '' }],
    ['digest 8:30am outgoing acme', { kind: 'set', time: '8:30am', filters: 'outgoing acme' }],
    ['digest 9 am group:"support tier 1"', { kind: 'set', time: '9am', filters: 'group:"support tier 1"' }],
    // A wrong time is still a digest command, so its reply is the digest's usage.
    ['digest soon acme', { kind: 'set', time: 'soon', filters: 'acme' }],
    ['digest off acme', { kind: 'set', time: 'off', filters: 'acme' }],
  ])('%j', (text, command) => {
    expect(readDigestCommand(text)).toEqual(command);
  });

  test.each(['acme digest', 'name:digest', 'digests', ''])('%j is a query', (text) => {
    expect(readDigestCommand(text)).toBeUndefined();
  });
});
