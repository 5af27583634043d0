import { readFileSync } from 'node:fs';
import { OUTCOMES } from '../../src/pipeline/outcome.js';

describe('audit outcomes', () => {
  test('the README’s audit table lists exactly the outcomes the pipeline can write', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const row = readme.split('\n').find((line) => line.startsWith('| `outcome` |'));
    expect(row).toBeDefined();
    const documented = [...(row ?? '').slice('| `outcome` |'.length).matchAll(/`([a-z_.A-Z]+)`/g)].map((m) => m[1]);
    expect(new Set(documented)).toEqual(new Set(OUTCOMES));
  });
});
