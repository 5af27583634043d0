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
import { TRUNK_CONTROL_PATH } from './serve-trunk-control.js';

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
  --help          show this help

Changing trunks while it runs (unsigned: the sandbox's own control, not part of the vendor API):
  POST   ${TRUNK_CONTROL_PATH}/<trunk>   change a trunk; the body names any of
                                    gateway ("up"/"down"), enabled (true/false), gatewayIp, name
  DELETE ${TRUNK_CONTROL_PATH}/<trunk>   remove a trunk
  POST   ${TRUNK_CONTROL_PATH}           add a trunk (the body may name the same fields)
  <trunk> is a keyId or words of its name (URL-encoded). Answers: 200 (201 when added) with the trunk
  as the next query returns it, sipPassword left out; 404 when no trunk matches; 400 for a bad body or
  a name that matches several (the answer lists them). Gateway up/down is a state and keeps updateTime;
  enabled, gatewayIp and name are configuration and set it to now. For example:
    curl -X POST 127.0.0.1:4010${TRUNK_CONTROL_PATH}/acme-out-01 -d '{"gateway":"down"}'
    curl -X POST 127.0.0.1:4010${TRUNK_CONTROL_PATH}/5000007 -d '{"enabled":false,"gatewayIp":"198.51.100.9"}'
    curl -X DELETE '127.0.0.1:4010${TRUNK_CONTROL_PATH}/acme%20outbound%20us'`;

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
    onTrunkChange: (description) => process.stdout.write(`${new Date().toISOString()} changed: ${description}\n`),
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
      `  control:  ${sandbox.url}${TRUNK_CONTROL_PATH}/<trunk> (see --help)`,
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
