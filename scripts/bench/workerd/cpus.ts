// Pinning for the lookup benchmarks (`--pin`, on by default where there are at
// least two CPUs and Linux's taskset): the Worker's workerd process runs on a
// CPU of its own and everything else — the load generator, the KV process,
// the benchmark script — on the others. Unpinned, the scheduler moves the load
// generator onto the Worker's core and off again from one second to the next,
// and a round's floor and row see different machines; pinned, the Worker's
// requests per second follow its own CPU time per request.
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

export interface CpuPlan {
  /** taskset's CPU list for the Worker's process, e.g. "1". */
  worker: string;
  /** For everything else, e.g. "0". */
  rest: string;
}

/** The plan, or undefined when pinning is off or cannot be done here (one CPU, no taskset). */
export function cpuPlan(wanted: boolean): CpuPlan | undefined {
  const cpus = availableParallelism();
  if (!wanted || cpus < 2 || process.platform !== 'linux') return undefined;
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const last = cpus - 1;
  return { worker: String(last), rest: last === 1 ? '0' : `0-${last - 1}` };
}

/** The command and arguments that run `command` on `cpus` (taskset execs it: the pid is the command's). */
export function onCpus(cpus: string | undefined, command: string, args: string[]): [string, string[]] {
  return cpus === undefined ? [command, args] : ['taskset', ['-c', cpus, command, ...args]];
}

/** Moves this process (all its threads) onto `cpus`. */
export function pinSelf(cpus: string): void {
  execFileSync('taskset', ['-a', '-p', '-c', cpus, String(process.pid)], { stdio: 'ignore' });
}

/** The plan in words, for the benchmark's notes. */
export const describePlan = (plan: CpuPlan | undefined): string =>
  plan
    ? `pinned: the Worker's workerd on CPU ${plan.worker}, the load generator, the KV process and the script on CPU ${plan.rest}`
    : 'not pinned (--no-pin, one CPU, or no taskset): the scheduler shares every CPU among all processes';
