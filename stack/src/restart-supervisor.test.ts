import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@shopgraph/service-kit/logger';
import { createRestartSupervisor } from './restart-supervisor';

const log = createLogger('test', 'silent');
const fakeChild = () => Object.assign(new EventEmitter(), { pid: 4242 }) as unknown as ChildProcess;

describe('the restart supervisor of start:services', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function supervise(restart = vi.fn(async (_name: string) => {})) {
    const supervisor = createRestartSupervisor({ log, policy: { initialMs: 1_000, maxMs: 30_000 }, restart });
    return { supervisor, restart };
  }

  it('restarts a process that exited by itself, after the first backoff', async () => {
    const { supervisor, restart } = supervise();
    const child = fakeChild();
    supervisor.watch('products', child);
    child.emit('exit', null, 'SIGKILL');
    await vi.advanceTimersByTimeAsync(999);
    expect(restart).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(restart).toHaveBeenCalledWith('products');
  });

  it('does not restart a process stopped on purpose', async () => {
    const { supervisor, restart } = supervise();
    const child = fakeChild();
    supervisor.watch('orders', child);
    supervisor.release('orders', child);
    child.emit('exit', 0, null);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(restart).not.toHaveBeenCalled();
  });

  it('restarts nothing once closed, not even a restart already planned', async () => {
    const { supervisor, restart } = supervise();
    const child = fakeChild();
    supervisor.watch('payments', child);
    child.emit('exit', 1, null);
    supervisor.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(restart).not.toHaveBeenCalled();
  });

  it('tries again, waiting longer, when the restarted process does not come up', async () => {
    const restart = vi.fn(async (_name: string) => {});
    restart.mockRejectedValueOnce(new Error('did not listen'));
    const { supervisor } = supervise(restart);
    const child = fakeChild();
    supervisor.watch('users', child);
    child.emit('exit', 1, null);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(restart).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(restart).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(restart).toHaveBeenCalledTimes(2);
  });
});
