import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_PACKAGES, buildBot, externalPackages } from '../../devkit/build/bundle.js';
import { startItnioSandbox, type ItnioSandbox } from '../../devkit/sandbox/itnio-server.js';
import { SlackSender } from '../../devkit/sandbox/slack-sender.js';
import { startSlackStandIn, type SlackStandIn } from '../../devkit/sandbox/slack-stand-in.js';
import { REPO_ROOT, spawnTsx } from '../../devkit/spawn-tsx.js';
import { botEnv } from '../support/bot-env.js';
import { until } from '../support/until.js';

const SIGNING_SECRET = 'built-bot-signing-secret';

/** Every file of the build, path relative to `dir`. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.js'));
}

describe('the bot as npm run build bundles it', () => {
  let root: string;
  let sandbox: ItnioSandbox;
  let slack: SlackStandIn;

  beforeAll(async () => {
    // Inside node_modules, as dist/ sits beside it: the bundle loads Bolt, pino and got from there.
    mkdirSync(join(REPO_ROOT, 'node_modules/.cache'), { recursive: true });
    root = mkdtempSync(join(REPO_ROOT, 'node_modules/.cache/trunkbot-build-test-'));
    writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
    await buildBot(join(root, 'src'));
    sandbox = await startItnioSandbox();
    slack = await startSlackStandIn();
  });

  afterAll(async () => {
    await Promise.all([sandbox.close(), slack.close()]);
    rmSync(root, { recursive: true, force: true });
  });

  const env = () => botEnv(slack, sandbox, { SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: '0', HOST: '127.0.0.1' });

  test('starts and answers /trunks with a page', async () => {
    const bot = spawnTsx('src/index.ts', env(), { compiledRoot: root });
    try {
      const port = Number((await bot.waitForStdout(/"port":(\d+)[^\n]*trunkbot is ready/))[1]);
      const sender = new SlackSender({
        eventsUrl: `http://127.0.0.1:${port}/slack/events`,
        signingSecret: SIGNING_SECRET,
        teamId: slack.teamId,
      });
      const responseUrl = slack.newResponseUrl();
      expect((await sender.slashCommand({ text: 'outgoing acme', responseUrl })).status).toBe(200);
      await until(() => slack.responses.some((r) => responseUrl.endsWith(r.id)), { what: 'the answer' });
      const reply = slack.responses.find((r) => responseUrl.endsWith(r.id));
      expect(reply?.body.text).toMatch(/^Outgoing trunks matching “acme”: \d+ trunks/);
      expect(JSON.stringify(reply?.body.blocks)).toContain('"action_id":"trunks_next"');
    } finally {
      await bot.stop();
    }
    expect(bot.stderr()).toBe('');
  });

  test('its doctor runs every check', async () => {
    const doctor = spawnTsx('src/doctor/cli.ts', { ...env(), DATA_DIR: join(root, 'data') }, { compiledRoot: root });
    const { code } = await doctor.exit;
    expect(doctor.stdout()).toContain('All 6 checks passed.');
    expect(code).toBe(0);
  });

  test('zod and @date-fns/tz are inside it; every other package is imported from node_modules', () => {
    const imported = new Set<string>();
    for (const file of filesUnder(join(root, 'src'))) {
      const text = readFileSync(join(root, 'src', file), 'utf8');
      for (const [, specifier] of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s*"([^".][^"]*)"/g)) {
        if (!specifier!.startsWith('node:')) imported.add(specifier!);
      }
      for (const [, specifier] of text.matchAll(/\bimport\("([^".][^"]*)"\)/g)) imported.add(specifier!);
    }
    for (const name of BUNDLED_PACKAGES) expect(imported).not.toContain(name);
    expect([...imported].sort()).toEqual(externalPackages().sort());
  });
});
