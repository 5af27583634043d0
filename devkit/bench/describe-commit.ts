import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from './spawn-bot.js';

/** The commit the bench ran on, e.g. `34fa966`, or `34fa966 with uncommitted changes`; `unknown` outside git. */
export function describeCommit(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  try {
    const head = git('rev-parse', '--short', 'HEAD');
    // Untracked files (a node_modules link in a worktree) do not change what ran.
    return git('status', '--porcelain', '--untracked-files=no') === '' ? head : `${head} with uncommitted changes`;
  } catch {
    return 'unknown';
  }
}
