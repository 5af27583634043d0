import { sign, unixSeconds } from '../../src/itnio/sign.js';

describe('sign', () => {
  test('matches the vendor documentation test vector', () => {
    expect(sign('bDqJFiq9', '7bz1lzh9', '1630468800')).toBe('05d7a50893e22a5c4bb3216ae3396c7c');
  });

  test('changes with every input', () => {
    const base = sign('k', 's', '1');
    expect(sign('k2', 's', '1')).not.toBe(base);
    expect(sign('k', 's2', '1')).not.toBe(base);
    expect(sign('k', 's', '2')).not.toBe(base);
  });
});

describe('unixSeconds', () => {
  test('is whole seconds as a string', () => {
    expect(unixSeconds(1_630_468_800_999)).toBe('1630468800');
  });
});
