import { readConfig } from '../config.js';
import type { CheckOptions, CheckResult } from './check.js';
import { formatChecks } from './format-checks.js';
import { runChecks } from './run-checks.js';

/** Where the report goes, and the checks' options. */
export interface RunDoctorOptions extends CheckOptions {
  write?: (text: string) => void;
}

/** `npm run doctor`: checks the configuration and every outside system, prints the report; resolves to the exit code. */
export async function runDoctor(
  env: NodeJS.ProcessEnv,
  { write = (text) => process.stdout.write(text), ...options }: RunDoctorOptions = {},
): Promise<number> {
  const { config, mode, problems, invalid } = readConfig(env);
  write(`trunkbot doctor (${mode === 'socket' ? 'Socket Mode' : 'HTTP mode'})\n`);
  const configuration: CheckResult =
    problems.length === 0
      ? { name: 'Configuration', ok: true, detail: 'every variable is valid' }
      : {
          name: 'Configuration',
          ok: false,
          detail: [
            `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}:`,
            ...problems.map((p) => `- ${p}`),
          ].join('\n'),
          fix: 'set these in .env or the platform’s settings; .env.example and the README describe each one',
        };
  const results = [configuration, ...(await runChecks({ config, mode, invalid }, options))];
  write(formatChecks(results));
  return results.every((r) => r.ok) ? 0 : 1;
}
