import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** The postmaster's PID, from the first line of `postmaster.pid` in the cluster directory. */
async function postmasterPid(dataDir: string): Promise<number> {
  const [first] = (await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n');
  const pid = Number(first);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no postmaster PID in ${dataDir}/postmaster.pid`);
  return pid;
}

/** Every process whose parent is `parent` (the postmaster's backends and workers), from /proc. */
async function childrenOf(parent: number): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry));
  const children = await Promise.all(
    pids.map(async (pid) => {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      // the command may hold spaces and parentheses: the fields after the last ')' are fixed
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return ppid === parent ? Number(pid) : undefined;
    }),
  );
  return children.filter((pid): pid is number => pid !== undefined);
}

const signal = (pids: readonly number[], name: NodeJS.Signals) => {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // a backend that ended between the listing and the signal
    }
  }
};

/**
 * Freezes a whole PostgreSQL cluster (SIGSTOP of the postmaster and every backend) for
 * `pauseMs`, then thaws it: connections stay open but nothing answers, as on a stalled disk
 * or a VM pause. Only for a cluster this test owns: every client of it stalls.
 */
export async function pausePostgres(dataDir: string, pauseMs: number): Promise<void> {
  const postmaster = await postmasterPid(dataDir);
  // the postmaster first: once stopped it forks no new backend behind the listing's back
  signal([postmaster], 'SIGSTOP');
  const frozen = [postmaster, ...(await childrenOf(postmaster))];
  signal(frozen, 'SIGSTOP');
  try {
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  } finally {
    signal(frozen.toReversed(), 'SIGCONT');
  }
}
