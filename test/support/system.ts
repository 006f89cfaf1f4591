import { execFileSync } from 'node:child_process';

/**
 * A fault test that needs a system component (a tool, root's mount) skips loudly when it is absent, and fails
 * instead under CI, where a skip would hide a broken setup.
 */
export function unavailableBecause(problem: string | null, hint: string): boolean {
  if (!problem) return false;
  const reason = `SKIPPED: ${problem}. ${hint}`;
  if (process.env.CI) throw new Error(reason.replace('SKIPPED', 'FAILED'));
  console.warn(`\n${'!'.repeat(100)}\n${reason}\n${'!'.repeat(100)}\n`);
  return true;
}

/** For faults the machine may simply not permit (mounting in a container): a loud skip, under CI too. */
export function notPermitted(problem: string | null): boolean {
  if (problem) console.warn(`\n${'!'.repeat(100)}\nSKIPPED: ${problem}\n${'!'.repeat(100)}\n`);
  return problem !== null;
}

/** The first of these programs that is not on PATH, or null when all are. */
export function missingTool(...tools: string[]): string | null {
  for (const tool of tools) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      return tool;
    }
  }
  return null;
}

/**
 * Why this process cannot mount (bind, remount read-only, tmpfs), or null when it can: tried for real on a
 * scratch folder, since being root is not enough inside many containers.
 */
export function mountProblem(scratch: string): string | null {
  if (process.platform !== 'linux') return `mount faults need Linux (this is ${process.platform})`;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', scratch], { stdio: 'pipe' });
    execFileSync('umount', [scratch], { stdio: 'pipe' });
    return null;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return `this process may not mount (${stderr || (error as Error).message})`;
  }
}
