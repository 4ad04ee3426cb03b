import { channelContract } from '../../test-support/channel-contract.js';
import type { Received } from '../../test-support/receiver.js';
import { opsgenieCreate } from '../../test-support/service-shapes.js';
import { opsgenieChannel } from './index.js';

const apiKey = 'eb243592-faa2-4ba2-a551q-1afdf565c889';

function check(request: Received): string | null {
  if (request.headers.authorization !== `GenieKey ${apiKey}`) return 'opsgenie: no GenieKey';
  if (request.headers['content-type'] !== 'application/json') return 'opsgenie: not JSON';
  if (request.path !== '/v2/alerts') return `opsgenie: posted to ${request.path}`;
  const parsed = opsgenieCreate.safeParse(request.json);
  return parsed.success ? null : `opsgenie: ${parsed.error.message}`;
}

channelContract(opsgenieChannel, {
  // The API base is the receiver's origin, so the paths are Opsgenie's own.
  target: (url) => ({ name: 'oncall', type: 'opsgenie', url: new URL(url).origin, apiKey }),
  secrets: [apiKey],
  transport: 'http',
  check,
});
