// Reads a text/event-stream body the way EventSource does, for tests: messages and comments.

interface SseMessage {
  event: string | null;
  id: string | null;
  data: string;
}

interface SseReader {
  /** Waits until `count` messages (not comments) arrived in total, or throws after timeoutMs. */
  messages(count: number, timeoutMs?: number): Promise<SseMessage[]>;
  /** Waits until a comment line containing `text` arrived. */
  comment(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves true when the stream ended (the server closed it) within timeoutMs. */
  ended(timeoutMs?: number): Promise<boolean>;
  /** Everything received so far. */
  raw(): string;
  cancel(): Promise<void>;
}

export function readSse(body: ReadableStream<Uint8Array>): SseReader {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let done = false;
  let pending: Promise<void> | null = null;

  const pull = (): Promise<void> =>
    (pending ??= reader.read().then(({ value, done: finished }) => {
      pending = null;
      if (value) text += decoder.decode(value, { stream: true });
      if (finished) done = true;
    }));

  async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (done) throw new Error(`stream ended before ${what}; got:\n${text}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`timed out waiting for ${what}; got:\n${text}`);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        pull(),
        new Promise((resolve) => (timer = setTimeout(resolve, remaining))),
      ]);
      clearTimeout(timer);
    }
  }

  return {
    async messages(count, timeoutMs = 2000) {
      await waitFor(() => parse(text).length >= count, timeoutMs, `${count} messages`);
      return parse(text);
    },
    async comment(wanted, timeoutMs = 2000) {
      await waitFor(
        () => text.split('\n').some((line) => line.startsWith(':') && line.includes(wanted)),
        timeoutMs,
        `comment ${wanted}`,
      );
    },
    async ended(timeoutMs = 2000) {
      try {
        await waitFor(() => false, timeoutMs, 'the end');
      } catch {
        return done;
      }
      return done;
    },
    raw: () => text,
    cancel: () => reader.cancel(),
  };
}

/** Complete messages (blocks ending in a blank line) that carry data. */
function parse(text: string): SseMessage[] {
  const blocks = text.split('\n\n').slice(0, -1);
  const messages: SseMessage[] = [];
  for (const block of blocks) {
    let event: string | null = null;
    let id: string | null = null;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length > 0) messages.push({ event, id, data: data.join('\n') });
  }
  return messages;
}
