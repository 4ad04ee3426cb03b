// The real service (`serve`: poller, notifier, web) on a config file and a SQLite file in a fresh
// temp folder, every address on loopback allowed and polled each second.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService, type RunningService } from '../../src/app/service.js';
import { loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/logger.js';

export interface LoopbackService {
  service: RunningService;
  /** Stops the service and removes its folder. */
  stop(): Promise<void>;
}

/** `vendorLines`: the config's `vendors:` entries, as YAML lines; `moreLines`: other top-level keys. */
export async function startLoopbackService(
  vendorLines: readonly string[],
  moreLines: readonly string[] = [],
): Promise<LoopbackService> {
  const dir = mkdtempSync(join(tmpdir(), 'vw-serve-'));
  const configPath = join(dir, 'vendorwatch.yaml');
  writeFileSync(
    configPath,
    [
      'pollInterval: 1s',
      'network:',
      '  allowedPrivateRanges: [127.0.0.0/8]',
      '  timeout: 5s',
      `database: ${join(dir, 'vendorwatch.db')}`,
      'server: { host: 127.0.0.1, port: 0 }',
      ...moreLines,
      'vendors:',
      ...vendorLines,
      '',
    ].join('\n'),
  );
  const config = loadConfig({ path: configPath, env: {} });
  const service = await startService(config, { poller: true, web: true }, createLogger('silent'));
  return {
    service,
    async stop() {
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
