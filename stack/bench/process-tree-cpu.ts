import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { basename } from 'node:path';
import { cpuSecondsOf, parentOf } from './comparison/process-cpu';

/** CPU seconds used so far by this process and every process under it, summed by role. */
export type CpuByRole = ReadonlyMap<string, number>;

/**
 * What a process is, for a reader of the bench: `bench clients` (this process), a Node
 * service by its workspace (`gateway`, `orders`, `stack` for npm start), a PostgreSQL backend
 * by its database, or the program's name (`nats-server`, the postmaster).
 */
function roleOf(pid: number): string {
  if (pid === process.pid) return 'bench clients';
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  const [program = '', ...rest] = args;
  // a backend retitles itself "postgres: <role> <database> <client> <state>"
  if (program.startsWith('postgres:')) {
    const words = [program.slice('postgres:'.length).trim(), ...rest].join(' ').trim().split(/\s+/);
    return words.length >= 4 ? `postgres ${words[1]}` : 'postgres (background)';
  }
  if (basename(program) === 'node') return basename(readlinkSync(`/proc/${pid}/cwd`));
  return basename(program);
}

/** {@link CpuByRole} now: the bench, its services, their databases' backends and the broker. */
export function cpuOfProcessTree(): CpuByRole {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      parents.set(pid, parentOf(pid));
    } catch {
      // it ended between the listing and the read
    }
  }
  const underBench = (pid: number) => {
    for (let at: number | undefined = pid; at !== undefined && at > 1; at = parents.get(at)) {
      if (at === process.pid) return true;
    }
    return false;
  };
  const byRole = new Map<string, number>();
  for (const pid of parents.keys()) {
    if (!underBench(pid)) continue;
    try {
      const role = roleOf(pid);
      byRole.set(role, (byRole.get(role) ?? 0) + cpuSecondsOf(pid));
    } catch {
      // it ended meanwhile: its CPU is lost to the figure, which says so by being lower
    }
  }
  return byRole;
}

/** The CPU each role used between two readings, the largest first, as `orders 2.9 s, …`. */
export function cpuBetween(before: CpuByRole, after: CpuByRole): string {
  const used = [...after].map(([role, seconds]) => [role, seconds - (before.get(role) ?? 0)] as const);
  const total = used.reduce((sum, [, seconds]) => sum + seconds, 0);
  const shown = used.filter(([, seconds]) => seconds >= 0.05).toSorted((a, b) => b[1] - a[1]);
  return `${total.toFixed(1)} s in all: ${shown.map(([role, seconds]) => `${role} ${seconds.toFixed(1)} s`).join(', ')}`;
}
