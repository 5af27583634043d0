import { readWatchCommand } from '../../src/trunks/watch-command.js';

describe('readWatchCommand', () => {
  it.each([
    ['watch acme', { kind: 'watch', filters: 'acme' }],
    ['Watch  outgoing ip:203.0.113.0/24', { kind: 'watch', filters: 'outgoing ip:203.0.113.0/24' }],
    ['watch', { kind: 'watch', filters: '' }],
    ['subscribe group:billing', { kind: 'watch', filters: 'group:billing' }],
    ['watching', { kind: 'watching' }],
    ['unwatch 2', { kind: 'unwatch', which: 2 }],
    ['unwatch #3', { kind: 'unwatch', which: 3 }],
    ['unwatch ALL', { kind: 'unwatch', which: 'all' }],
    ['unwatch acme', { kind: 'unwatch', which: undefined }],
  ])('reads %p', (text, expected) => {
    expect(readWatchCommand(text)).toEqual(expected);
  });

  it.each(['acme watch', 'name:watch', 'watching acme', '', 'outgoing'])('leaves %p to the query grammar', (text) => {
    expect(readWatchCommand(text)).toBeUndefined();
  });
});
