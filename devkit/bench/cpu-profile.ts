import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../spawn-tsx.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
  /** Set when url and lineNumber were read back through the bundle's source map. */
  mapped?: boolean;
}
interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time of one function or one package, in ms. */
export interface SelfTime {
  name: string;
  ms: number;
}

/** Where a profiled process spent its CPU, excluding idle time. */
export interface ProfileSummary {
  busyMs: number;
  functions: SelfTime[];
  packages: SelfTime[];
  /** Inclusive time of each of PROFILE_GROUPS: samples with a frame of the group anywhere on the stack. */
  groups: SelfTime[];
}

/** The parts of a request's work the bench reports inclusive time for, by where their code lives. */
export const PROFILE_GROUPS: readonly { name: string; test: (frame: CallFrame) => boolean }[] = [
  {
    name: 'got (its request machinery and the node:http call under it)',
    test: (f) => f.url.includes('/node_modules/got/'),
  },
  { name: 'fetch (undici, the floor’s client)', test: (f) => f.url.includes('internal/deps/undici') },
  { name: 'zod (vendor answer and config validation)', test: (f) => f.url.includes('/node_modules/zod/') },
  { name: 'rendering (src/trunks/render-*)', test: (f) => /\/src\/trunks\/render-/.test(f.url) },
  {
    name: 'audit line and logging (src/pipeline/audit.ts, src/log.ts, pino)',
    test: (f) => /\/src\/(pipeline\/audit|log)\.[jt]s$/.test(f.url) || f.url.includes('/node_modules/pino'),
  },
  { name: 'stores (src/store/)', test: (f) => f.url.includes('/src/store/') },
  { name: 'vendor answer parsing (parseAnswer)', test: (f) => f.functionName === 'parseAnswer' },
  { name: 'garbage collection', test: (f) => f.functionName === '(garbage collector)' },
];

// CPU.<date>.<time>.<pid>.<thread id>.<sequence>.cpuprofile; tsx's loader thread writes one of its own.
const MAIN_THREAD_PROFILE = /\.0\.\d+\.cpuprofile$/;

/** Reads the main-thread `.cpuprofile` that `node --cpu-prof --cpu-prof-dir <dir>` wrote and ranks self time. */
// `codeRoot` is where the bot's own files are: the repository, or the compiled copy (compile-bots.ts).
export function summarizeCpuProfile(dir: string, codeRoot: string, top = 15): ProfileSummary {
  const file = readdirSync(dir).find((name) => MAIN_THREAD_PROFILE.test(name));
  if (!file) throw new Error(`no main-thread .cpuprofile in ${dir}: the process did not exit through process.exit`);
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const original = sourceMapped();
  const frames = new Map(profile.nodes.map((n) => [n.id, original(n.callFrame)]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const groupUs = PROFILE_GROUPS.map(() => 0);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let busyUs = 0;
  profile.samples.forEach((nodeId, i) => {
    const frame = frames.get(nodeId);
    const us = profile.timeDeltas[i] ?? 0;
    if (!frame || frame.functionName === '(idle)') return;
    busyUs += us;
    const where = locate(frame.url, codeRoot);
    // Line numbers of .ts files run by tsx point into its transformed output, not the source: leave them out.
    const line = where.endsWith('.ts') && !frame.mapped ? '' : `:${frame.lineNumber + 1}`;
    const name = `${frame.functionName || '(anonymous)'}${where ? `  ${where}${line}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    const pkg = packageOf(frame, where);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const hit = new Set<number>();
    for (let id: number | undefined = nodeId; id !== undefined; id = parents.get(id)) {
      const on = frames.get(id);
      if (!on) continue;
      PROFILE_GROUPS.forEach((g, k) => {
        if (g.test(on)) hit.add(k);
      });
    }
    for (const k of hit) groupUs[k]! += us;
  });
  const rank = (m: Map<string, number>): SelfTime[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000 }));
  return {
    busyMs: busyUs / 1000,
    functions: rank(byFunction),
    packages: rank(byPackage),
    groups: PROFILE_GROUPS.map((g, k) => ({ name: g.name, ms: groupUs[k]! / 1000 })),
  };
}

/**
 * Reads frames of a bundle (devkit/build/bundle.ts) back to the modules they were built from, through the
 * `.map` beside each bundle file, so that time in the bot's code is told apart by file and a bundled package
 * (zod) counts as itself. Frames with no map, or no mapping, are returned as they are.
 */
function sourceMapped(): (frame: CallFrame) => CallFrame {
  const maps = new Map<string, SourceMap | undefined>();
  const mapOf = (path: string): SourceMap | undefined => {
    if (!maps.has(path)) {
      const file = `${path}.map`;
      maps.set(path, existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8'))) : undefined);
    }
    return maps.get(path);
  };
  return (frame) => {
    if (!frame.url.startsWith('file://')) return frame;
    const path = fileURLToPath(frame.url);
    const entry = mapOf(path)?.findEntry(frame.lineNumber, frame.columnNumber);
    if (!entry || !('originalSource' in entry)) return frame;
    const source = entry.originalSource.startsWith('file://')
      ? fileURLToPath(entry.originalSource)
      : resolve(dirname(path), entry.originalSource);
    return { ...frame, url: pathToFileURL(source).href, lineNumber: entry.originalLine, mapped: true };
  };
}

function locate(url: string, codeRoot: string): string {
  if (url === '') return '';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  // The compiled copy sits inside node_modules: it is the bot's own code all the same.
  if (path.startsWith(codeRoot)) return path.slice(codeRoot.length).replace(/^\//, '');
  const inModules = path.lastIndexOf('node_modules/');
  if (inModules >= 0) return path.slice(inModules + 'node_modules/'.length);
  // A frame read back through a source map names the module in the repository.
  if (path.startsWith(REPO_ROOT)) return path.slice(REPO_ROOT.length);
  return path;
}

function packageOf(frame: CallFrame, where: string): string {
  if (frame.url.startsWith('node:')) return 'node: built-ins';
  if (where === '') return frame.functionName.startsWith('(') ? frame.functionName : 'V8 / native';
  if (frame.url.includes('node_modules/') && !/^(src|devkit)\//.test(where)) {
    const parts = where.split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? where);
  }
  // trunkbot's own code, grouped by top folder under src/ (or the file, for files directly in it).
  const parts = where.split('/');
  return parts[0] === 'src' && parts.length > 2 ? `src/${parts[1]}/` : where;
}
