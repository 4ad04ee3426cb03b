// detect URL: which platform a status page runs on.
import { createConfiguredFetcher } from '../../app/fetcher.js';
import { detectPlatform } from '../../poll/detect.js';
import { defineCommand, parseCommandArgs, UsageError } from '../args.js';
import { configFor, print, printError, type CommandIo } from '../io.js';

/** What a user pointing detect at the simulator (or a page on their LAN) needs to know next. */
const loopbackHint =
  'to allow it, pass --config FILE with network.allowedPrivateRanges, e.g. [127.0.0.0/8] for ' +
  'the simulator on loopback';

export const detectCommand = defineCommand({
  synopsis: 'detect URL [--json]',
  summary: 'Print which platform a status page runs on, how sure, and the URL to configure.',
  options: { json: { type: 'boolean' } },
  help: { json: { text: 'print the detection as JSON' } },
});

export async function runDetect(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, detectCommand.options, 1);
  const url = positionals[0];
  if (!url || !/^https?:\/\//i.test(url) || !URL.canParse(url))
    throw new UsageError('detect needs an http(s) status page URL');
  const config = configFor(io, values);
  const fetcher = createConfiguredFetcher(config);
  try {
    const detection = await detectPlatform(fetcher, url);
    if (values.json) {
      print(io.stdout, JSON.stringify(detection, null, 2));
    } else if (detection.ok) {
      const { platform, confidence, evidence, statusPageUrl } = detection;
      print(
        io.stdout,
        `${platform} (${confidence} confidence: ${evidence})\nurl: ${statusPageUrl}`,
      );
    } else {
      const tried = detection.tried.length > 0 ? `; tried ${detection.tried.join(', ')}` : '';
      const hint = /not a public address/.test(detection.error) ? `; ${loopbackHint}` : '';
      printError(io, 'detect', `could not detect a platform: ${detection.error}${tried}${hint}`);
    }
    return detection.ok ? 0 : 1;
  } finally {
    await fetcher.close();
  }
}
