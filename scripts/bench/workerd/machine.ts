// One line on the machine a benchmark ran on, for the notes under its table.
import { cpus, platform, release, totalmem } from 'node:os';

/** e.g. "AMD EPYC 7B13, 2 cores, 23 GiB, linux 6.1.0, Node v22.23.3". */
export function machineNote(): string {
  return (
    `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ` +
    `${platform()} ${release()}, Node ${process.version}`
  );
}
