import type { SandboxFault } from './itnio-server.js';

/** Reads a `--fault` value (`503`, `hang`, `garbage`, `status:-23`); null when it is none of those. */
export function parseFault(value: string): SandboxFault | null {
  if (value === 'hang') return { kind: 'hang' };
  if (value === 'garbage') return { kind: 'garbage' };
  if (/^[2-5]\d\d$/.test(value)) return { kind: 'http', status: Number(value) };
  const vendor = /^status:(-?\d{1,6})$/.exec(value);
  if (vendor?.[1] !== undefined) return { kind: 'vendor-status', status: Number(vendor[1]) };
  return null;
}

/** Says in words what a fault does, for the start-up banner. */
export function describeFault(fault: SandboxFault): string {
  switch (fault.kind) {
    case 'http':
      return `every request answers HTTP ${fault.status}`;
    case 'hang':
      return 'every request hangs and is never answered';
    case 'garbage':
      return 'every request answers HTTP 200 with a body that is not valid JSON';
    case 'vendor-status':
      return `every request answers vendor status ${fault.status}`;
  }
}
