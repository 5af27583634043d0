import { readFileSync } from 'node:fs';
import { WANTED_SCOPES } from '../../src/doctor/wanted-scopes.js';

/**
 * The string items of the block list at `path` in a YAML document, for the plain block style manifest.yml
 * uses (`key:` lines nested by indentation, `- item` lists); anything else is out of its reach.
 */
function yamlList(text: string, path: readonly string[]): string[] {
  const lines = text.split('\n').filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  const indentOf = (line: string) => line.length - line.trimStart().length;
  let from = 0;
  let parentIndent = -1;
  for (const key of path) {
    const at = lines.findIndex((line, i) => i >= from && indentOf(line) > parentIndent && line.trim() === `${key}:`);
    if (at < 0) throw new Error(`manifest has no ${path.join('.')}`);
    from = at + 1;
    parentIndent = indentOf(lines[at]!);
  }
  const items: string[] = [];
  for (const line of lines.slice(from)) {
    if (indentOf(line) < parentIndent || (indentOf(line) === parentIndent && !line.trim().startsWith('- '))) break;
    const item = /^\s*- ["']?([^"'#\s]+)["']?\s*(?:#.*)?$/.exec(line)?.[1];
    if (item) items.push(item);
  }
  return items;
}

describe('WANTED_SCOPES', () => {
  test("equals manifest.yml's oauth_config.scopes.bot, so the doctor asks for what the install grants", () => {
    const manifest = readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8');
    expect(yamlList(manifest, ['oauth_config', 'scopes', 'bot']).sort()).toEqual([...WANTED_SCOPES].sort());
  });

  test('the reader finds a nested list and stops at its end', () => {
    const yaml = 'a:\n  b:\n    - one\n    - "two"  # why\n  c:\n    - three\nbot:\n  - four\n';
    expect(yamlList(yaml, ['a', 'b'])).toEqual(['one', 'two']);
    expect(yamlList(yaml, ['bot'])).toEqual(['four']);
  });
});
