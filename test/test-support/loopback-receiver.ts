// The notify tests' loopback receiver (src/notify/test-support/receiver.ts) with answers set per
// path: a status and body, or an echo of what the request carried, as a careless service might.
import {
  startReceiver as startRecordingReceiver,
  type Received,
} from '../../src/notify/test-support/receiver.js';

export interface LoopbackReceiver {
  /** The receiver's base URL, without a path. */
  url: string;
  received: Received[];
  /**
   * Answers requests to `path` with `status` and `body` from now on; `echo` answers with what the
   * request carried (its URL, authorization header and body).
   */
  answer(path: string, status: number, body?: string | { echo: true }): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<LoopbackReceiver> {
  const receiver = await startRecordingReceiver();
  const answers = new Map<string, { status: number; body: string | { echo: true } }>();
  receiver.respond((request) => {
    const answer = answers.get(request.path.split('?')[0]!) ?? { status: 200, body: 'ok' };
    const body =
      typeof answer.body === 'string'
        ? answer.body
        : `refused ${request.path} ${request.headers.authorization ?? ''} ${request.body.slice(0, 2000)}`;
    return { status: answer.status, headers: { 'content-type': 'text/plain' }, body };
  });
  return {
    url: receiver.url(''),
    received: receiver.received,
    answer: (path, status, body = '') => answers.set(path, { status, body }),
    close: () => receiver.close(),
  };
}
