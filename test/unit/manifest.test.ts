import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '../../src/config.js';

const manifest = readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8');
const setting = (name: string) => new RegExp(`^ {2}${name}: (\\w+)$`, 'm').exec(manifest)?.[1];

describe('manifest.yml', () => {
  test('has three request URLs, all on one placeholder host and the path Bolt serves', () => {
    // The README tells installers to replace the host in exactly these three places.
    const urls = [...manifest.matchAll(/^\s*(url|request_url): (\S+)$/gm)].map(([, key, url]) => `${key} ${url}`);
    expect(urls).toEqual([
      'url https://trunkbot.example.com/slack/events',
      'request_url https://trunkbot.example.com/slack/events',
      'request_url https://trunkbot.example.com/slack/events',
    ]);
    expect(manifest.match(/trunkbot\.example\.com/g)).toHaveLength(3);
  });

  test('installs per workspace, so ALLOWED_TEAM_IDS takes workspace IDs and refuses an Enterprise org ID', () => {
    expect(setting('org_deploy_enabled')).toBe('false');
    const env = { SLACK_BOT_TOKEN: 'xoxb-t', SLACK_SIGNING_SECRET: 's', ITNIO_API_KEY: 'k', ITNIO_API_SECRET: 'x' };
    expect(loadConfig({ ...env, ALLOWED_TEAM_IDS: 'T0HOME' }).access.teams).toEqual(['T0HOME']);
    expect(() => loadConfig({ ...env, ALLOWED_TEAM_IDS: 'E0ORG' })).toThrow(ConfigError);
  });

  test('asks for the scopes Export CSV needs: uploading files, and opening a DM with the user', () => {
    const bot = /^ {4}bot:\n((?: {6}(?:- \S+|#.*)\n)+)/m.exec(manifest)?.[1] ?? '';
    const scopes = [...bot.matchAll(/^ {6}- (\S+)$/gm)].map((m) => m[1]);
    expect(scopes).toEqual(expect.arrayContaining(['files:write', 'im:write', 'chat:write', 'commands']));
  });

  test('keeps token rotation off: the bot runs on one long-lived token from SLACK_BOT_TOKEN', () => {
    expect(setting('token_rotation_enabled')).toBe('false');
  });

  test('grants users:read, which users.info needs to read a digest creator’s time zone', () => {
    const scopes = /^ {4}bot:\n((?: {6}(?:- \S+|#.*)\n)+)/m.exec(manifest)?.[1] ?? '';
    expect([...scopes.matchAll(/- (\S+)/g)].map((m) => m[1])).toContain('users:read');
  });

  test('enables the Home tab and subscribes to app_home_opened; its direct messages need no scope beyond chat:write', () => {
    const list = (key: string) => {
      const at = manifest.search(new RegExp(`^ +${key}:$`, 'm'));
      const rest = manifest.slice(at).split('\n').slice(1);
      return rest
        .slice(
          0,
          rest.findIndex((line) => !/^ +(- |#)/.test(line)),
        )
        .filter((line) => line.includes('- '))
        .map((line) => line.trim().slice(2));
    };
    const feature = (name: string) => new RegExp(`^ {4}${name}: (\\w+)$`, 'm').exec(manifest)?.[1];
    expect(feature('home_tab_enabled')).toBe('true');
    // Home's Down/Changed/Stats answer in the Messages tab; trunkbot reads no direct messages, so users cannot type there.
    expect(feature('messages_tab_enabled')).toBe('true');
    expect(feature('messages_tab_read_only_enabled')).toBe('true');
    expect(list('bot_events')).toEqual(['app_mention', 'app_home_opened']);
    expect(list('bot')).toEqual([
      'commands',
      'app_mentions:read',
      'chat:write',
      'chat:write.public',
      'users:read',
      'files:write',
      'im:write',
    ]);
  });
});
