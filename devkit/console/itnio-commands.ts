import { SandboxControlError } from '../sandbox/control-error.js';
import { findTrunk } from '../sandbox/find-trunk.js';
import type { ItnioSandbox } from '../sandbox/itnio-server.js';
import { checkTrunkChange, describeTrunkChange, rawFieldsOf, type TrunkChange } from '../sandbox/trunk-change.js';
import { stripControl } from './render-terminal.js';

/** The console's lines for the `itnio …` commands, part of its help. */
export const ITNIO_HELP = [
  'Change the sandbox ITNIO API while the bot runs (<trunk> is a keyId or words of its name):',
  '  itnio down <trunk>        take its gateway down     itnio up <trunk>       bring it back up',
  '  itnio disable <trunk>     disable it                itnio enable <trunk>   enable it again',
  '  itnio ip <trunk> <ip>     change its gateway IP     itnio add [name]       add a trunk',
  '  itnio remove <trunk>      remove it',
];

/** The part of the sandbox the commands change. */
export type ChangeableSandbox = Pick<ItnioSandbox, 'trunks' | 'changeTrunk' | 'addTrunk' | 'removeTrunk'>;

const USAGE = 'Try itnio down <trunk>, up, disable, enable, ip <trunk> <ip>, add [name] or remove <trunk>.';
const NEEDS_SANDBOX =
  'The itnio commands need the sandbox ITNIO API, but this demo talks to the real vendor: ' +
  'start it without ITNIO_API_KEY and ITNIO_API_SECRET to use the sandbox.';

/** Runs one `itnio …` command (the words after `itnio`) against the sandbox; returns the lines to print. */
export function runItnioCommand(args: string, sandbox: ChangeableSandbox | undefined): string[] {
  if (!sandbox) return [NEEDS_SANDBOX];
  const [verb = '', ...words] = args.trim().split(/\s+/);
  try {
    switch (verb.toLowerCase()) {
      case 'down':
      case 'up':
        return change(sandbox, words, { gateway: verb.toLowerCase() as 'up' | 'down' }, verb);
      case 'disable':
      case 'enable':
        return change(sandbox, words, { enabled: verb.toLowerCase() === 'enable' }, verb);
      case 'ip':
        if (words.length < 2) return ['Name the trunk, then the new IP, e.g. itnio ip acme-out-01 198.51.100.7'];
        return change(sandbox, words.slice(0, -1), { gatewayIp: words.at(-1)! }, verb);
      case 'add': {
        const name = words.join(' ');
        const trunk = sandbox.addTrunk(rawFieldsOf(checkTrunkChange(name ? { name } : {}, { allowEmpty: true })));
        const gateway = `gateway ${trunk.sipGatewayIp ?? 'without an IP'} ${trunk.sipTrunkState ? 'up' : 'down'}`;
        return [say(`added ${trunk.sipTrunkName}, keyId ${trunk.keyId}, ${gateway}`)];
      }
      case 'remove': {
        if (words.length === 0) return ['Name the trunk, e.g. itnio remove acme-out-01'];
        const trunk = sandbox.removeTrunk(words.join(' '));
        return [say(`removed ${trunk.sipTrunkName}, keyId ${trunk.keyId}`)];
      }
      default:
        return [verb === '' ? USAGE : `There is no itnio ${verb}. ${USAGE}`];
    }
  } catch (err) {
    if (err instanceof SandboxControlError) return [stripControl(err.message)];
    throw err;
  }
}

function change(sandbox: ChangeableSandbox, words: string[], requested: TrunkChange, verb: string): string[] {
  if (words.length === 0) return [`Name the trunk, e.g. itnio ${verb.toLowerCase()} acme-out-01`];
  // Resolved once, so that the words describe the trunk as it was before the change.
  const { trunk } = findTrunk(sandbox.trunks, words.join(' '));
  sandbox.changeTrunk(String(trunk.keyId), requested);
  return [say(describeTrunkChange(trunk, requested))];
}

// Trunk names are vendor data: they may carry terminal escapes, which only our own styling may send.
const say = (text: string): string => `(sandbox ITNIO: ${stripControl(text)})`;
