import { parseArgs } from 'node:util';
import { isTimeZone } from '../../src/config.js';
import { UsageError, wholeNumber } from '../cli-flags.js';
import {
  SANDBOX_API_KEY,
  SANDBOX_API_SECRET,
  SANDBOX_QUERY_PATH,
  startItnioSandbox,
  type RecordedRequest,
  type SandboxFault,
} from './itnio-server.js';
import { describeFault, parseFault } from './parse-fault.js';

// Generating stays well under a second up to here; beyond it the sandbox is a memory test, not a demo.
const MAX_TRUNKS = 100_000;

const USAGE = `Usage: npm run sandbox -- [options]

Runs a local stand-in for the ITNIO SIP trunk API with made-up sandbox data.

Options:
  --port N        port to listen on (default 4010; 0 picks a free one)
  --host H        address to bind (default 127.0.0.1)
  --trunks N      serve N made-up trunks: the 120 base ones, then generated ones (default 120, max ${MAX_TRUNKS})
  --timezone Z    write trunk times in zone Z, e.g. Asia/Shanghai (default UTC); give the bot the same ITNIO_TIMEZONE
  --latency MS    delay every answer by MS milliseconds (default 0)
  --fault F       misbehave on every request until stopped; F is one of:
                    503 (any HTTP status 200-599), hang, garbage, status:-23 (any vendor status)
  --key K         API key to accept (default ${SANDBOX_API_KEY})
  --secret S      API secret to sign with (default ${SANDBOX_API_SECRET})
  --help          show this help`;

interface CliOptions {
  port: number;
  host: string;
  trunkCount: number;
  timeZone: string;
  latencyMs: number;
  fault: SandboxFault | null;
  apiKey: string;
  apiSecret: string;
}

function readCli(argv: string[]): CliOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      trunks: { type: 'string' },
      timezone: { type: 'string' },
      latency: { type: 'string' },
      fault: { type: 'string' },
      key: { type: 'string' },
      secret: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  const port = wholeNumber('--port', values.port ?? '4010', 0, 65_535);
  const timeZone = values.timezone ?? 'UTC';
  if (!isTimeZone(timeZone)) {
    throw new UsageError(`--timezone must be an IANA time zone such as UTC or Asia/Shanghai, got "${timeZone}"`);
  }
  const fault = values.fault === undefined ? null : parseFault(values.fault);
  if (values.fault !== undefined && fault === null) {
    throw new UsageError(
      `--fault must be an HTTP status (e.g. 503), hang, garbage or status:<n>, got "${values.fault}"`,
    );
  }
  for (const [flag, value] of [
    ['--host', values.host],
    ['--key', values.key],
    ['--secret', values.secret],
  ] as const) {
    if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} must not be empty`);
  }
  return {
    port,
    host: values.host ?? '127.0.0.1',
    trunkCount: wholeNumber('--trunks', values.trunks ?? '120', 1, MAX_TRUNKS),
    timeZone,
    latencyMs: wholeNumber('--latency', values.latency ?? '0'),
    fault,
    apiKey: values.key ?? SANDBOX_API_KEY,
    apiSecret: values.secret ?? SANDBOX_API_SECRET,
  };
}

function describeRequest(r: RecordedRequest): string {
  const body = r.body as { current?: unknown; size?: unknown; params?: Record<string, unknown> } | undefined;
  const params = body?.params ?? {};
  const vendor = r.vendorStatus === undefined ? '' : ` status ${r.vendorStatus}`;
  const outcome = r.httpStatus === 0 ? 'left hanging' : `HTTP ${r.httpStatus}${vendor}`;
  const paging = `page ${String(body?.current ?? '?')} size ${String(body?.size ?? '?')}`;
  const filter = `type=${String(params.type ?? '-')} name=${JSON.stringify(params.sipTrunkName ?? '')}`;
  return `${new Date().toISOString()} query ${paging} ${filter} → ${outcome}`;
}

async function main(): Promise<void> {
  let cli: CliOptions | 'help';
  try {
    cli = readCli(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`sandbox: ${(err as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (cli === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  const sandbox = await startItnioSandbox({
    port: cli.port,
    host: cli.host,
    apiKey: cli.apiKey,
    apiSecret: cli.apiSecret,
    trunkCount: cli.trunkCount,
    timeZone: cli.timeZone,
    latencyMs: cli.latencyMs,
    onRequest: (r) => process.stdout.write(`${describeRequest(r)}\n`),
  }).catch((err: NodeJS.ErrnoException) => {
    const hint = err.code === 'EADDRINUSE' ? ' (port in use: pick another with --port)' : '';
    process.stderr.write(`sandbox: cannot listen on ${cli.host}:${cli.port}: ${err.code ?? err.message}${hint}\n`);
    process.exit(1);
  });
  if (cli.fault) sandbox.inject(cli.fault, Infinity);

  process.stdout.write(
    [
      `ITNIO sandbox API listening on ${sandbox.url}`,
      `SANDBOX DATA ONLY: ${sandbox.trunks.length} made-up trunks, not a real ITNIO account. Passwords start with SANDBOX-SECRET-.`,
      `  times:    vendor-local in ${cli.timeZone}`,
      `  endpoint: POST ${sandbox.url}${SANDBOX_QUERY_PATH}`,
      `  api key:  ${sandbox.apiKey}`,
      `  secret:   ${sandbox.apiSecret}`,
      `  latency:  ${cli.latencyMs} ms`,
      `  fault:    ${cli.fault ? describeFault(cli.fault) : 'none'}`,
      'Point trunkbot at it with:',
      `  ITNIO_API_URL=${sandbox.url} ITNIO_API_KEY=${sandbox.apiKey} ITNIO_API_SECRET=${sandbox.apiSecret}` +
        (cli.timeZone === 'UTC' ? '' : ` ITNIO_TIMEZONE=${cli.timeZone}`),
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
