import { credentialsDiffer, credentialTagger } from '../../src/itnio/credential-tag.js';

describe('credential tags', () => {
  const tag = credentialTagger('api-secret-1');

  it('tell a changed password from an unchanged one without holding it', () => {
    expect(tag('hunter2')).toBe(tag('hunter2'));
    expect(credentialsDiffer(tag('hunter2'), tag('hunter3'))).toBe(true);
    expect(credentialsDiffer(tag('hunter2'), tag('hunter2'))).toBe(false);
    expect(tag('hunter2')).not.toContain('hunter2');
    expect(tag(null)).toBeNull();
    expect(credentialsDiffer(null, tag('set now'))).toBe(true);
  });

  it('say nothing when the API secret was rotated between two snapshots', () => {
    const rotated = credentialTagger('api-secret-2');
    expect(rotated('hunter2')).not.toBe(tag('hunter2'));
    expect(credentialsDiffer(tag('hunter2'), rotated('hunter2'))).toBe(false);
    expect(credentialsDiffer(tag('hunter2'), rotated('other'))).toBe(false);
  });
});
