import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../spawn-tsx.js';

/** The parts of the repository's package.json that the build, the bench and the tests read. */
export interface PackageJson {
  dependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  engines?: { node?: string };
}

/** The repository's package.json as it is on disk now. */
export function readPackageJson(): PackageJson {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;
}
