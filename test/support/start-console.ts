import { ConsoleSession, type ConsoleSessionOptions } from '../../devkit/console/console-session.js';
import { startSandboxWorld, type SandboxWorld, type SandboxWorldOptions } from '../../devkit/sandbox/sandbox-world.js';
import { captureLogs } from './capture-logs.js';

/** A console session on a sandbox world, and what it printed. */
export interface ConsoleUnderTest {
  world: SandboxWorld;
  session: ConsoleSession;
  /** Every line any session writing to it printed, in order. */
  out: string[];
  /** Types one line into `on` (the session by default) and returns what the console printed for it. */
  type: (line: string, on?: ConsoleSession) => Promise<string>;
  close: () => Promise<void>;
}

/** Starts a sandbox world (logs captured) with an uncoloured UTC console session on it; `session` adds or overrides its options. */
export async function startConsole(
  worldOptions: SandboxWorldOptions = {},
  session: (world: SandboxWorld) => Partial<ConsoleSessionOptions> = () => ({}),
): Promise<ConsoleUnderTest> {
  const world = await startSandboxWorld({ logDestination: captureLogs().destination, ...worldOptions });
  const out: string[] = [];
  const consoleSession = new ConsoleSession({
    world,
    write: (l) => out.push(l),
    style: { color: false, timeZone: 'UTC' },
    ...session(world),
  });
  return {
    world,
    session: consoleSession,
    out,
    async type(line, on = consoleSession) {
      const from = out.length;
      expect(await on.handle(line)).toBe('continue');
      return out.slice(from).join('\n');
    },
    async close() {
      consoleSession.close();
      await world.close();
    },
  };
}
