// One poller per SQLite file: a second `serve`/`worker` on the same file is refused, because two
// writers would each record the same changes (docs/reliability.md#e4). A lock left by a process
// that died (kill -9) is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

export class InstanceLockError extends Error {
  override name = 'InstanceLockError';
}

export interface InstanceLock {
  release(): void;
}

export function acquireInstanceLock(databasePath: string): InstanceLock {
  const path = `${databasePath}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return {
        release() {
          try {
            if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new InstanceLockError(
          `another vendorwatch poller (pid ${holder}) is using ${databasePath}; run one per SQLite file, or use PostgreSQL for several workers`,
        );
      }
      unlinkSync(path);
    }
  }
  throw new InstanceLockError(`could not lock ${databasePath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
