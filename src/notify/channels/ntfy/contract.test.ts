import type { Received } from '../../test-support/receiver.js';
import { channelContract } from '../../test-support/channel-contract.js';
import { ntfyChannel } from './index.js';

const token = 'tk_ntfyAccessTokenSecret0123';

/** What ntfy's publish API reads: a text body within 4096 bytes and its headers. */
function check(request: Received): string | null {
  const { headers } = request;
  if (headers['content-type'] !== 'text/plain; charset=utf-8') return 'ntfy: not text/plain';
  if (!request.body || Buffer.byteLength(request.body) > 4096) return 'ntfy: body size';
  if (!/^[1-5]$/.test(String(headers.priority))) return 'ntfy: priority is not 1-5';
  if (!headers.title || !headers.tags) return 'ntfy: no title or tags';
  if (headers.authorization !== `Bearer ${token}`) return 'ntfy: no bearer token';
  return null;
}

channelContract(ntfyChannel, {
  target: (url) => ({ name: 'phone', type: 'ntfy', url: `${url}/vw-topic-s3cr3t-4f7a`, token }),
  secrets: ['vw-topic-s3cr3t-4f7a', token],
  transport: 'http',
  check,
});
