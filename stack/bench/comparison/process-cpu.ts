import { readFileSync } from 'node:fs';

// /proc/<pid>/stat counts in clock ticks; Linux reports USER_HZ = 100 to user space
const TICKS_PER_SECOND = 100;

/** The fields of /proc/<pid>/stat after the command name: [0] is the state, [1] the parent's PID. */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the command name (field 2) may hold spaces: count fields after its closing parenthesis
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSecondsOf(pid: number): number {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** The PID of a process's parent. */
export const parentOf = (pid: number): number => Number(statFields(pid)[1]);

/** CPU seconds `pids` have used together so far. */
export const cpuSecondsOfAll = (pids: readonly number[]): number =>
  pids.reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
