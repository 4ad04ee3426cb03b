import { describe, expect, it } from 'vitest';
import { destinationRefusal } from './destination.js';

const closed = { allowPrivateAddresses: false, allowedPrivateRanges: [] };
const resolveTo = (address: string) => ({ ...closed, resolve: () => Promise.resolve([address]) });

describe('destinationRefusal', () => {
  it('accepts a public webhook and refuses private, metadata and unresolvable ones', async () => {
    const hook = (url: string) => ({ name: 'h', type: 'webhook' as const, url });
    expect(
      await destinationRefusal(hook('https://hooks.example.com/x'), resolveTo('93.184.216.34')),
    ).toBeNull();
    expect(await destinationRefusal(hook('http://169.254.169.254/latest'), closed)).toMatch(
      /^url: blocked/,
    );
    expect(
      await destinationRefusal(hook('https://inside.example/x'), resolveTo('10.1.2.3')),
    ).toMatch(/^url: blocked: inside\.example resolves to/);
    const failing = { ...closed, resolve: () => Promise.reject(new Error('ENOTFOUND')) };
    expect(await destinationRefusal(hook('https://nowhere.example/x'), failing)).toMatch(
      /^url: DNS lookup for nowhere\.example failed/,
    );
    expect(
      await destinationRefusal(hook('http://127.0.0.1:8080/x'), {
        allowPrivateAddresses: false,
        allowedPrivateRanges: ['127.0.0.0/8'],
      }),
    ).toBeNull();
  });

  it('checks an SMTP server by the same rules and keeps its password out of the answer', async () => {
    const mail = {
      name: 'm',
      type: 'email' as const,
      smtp: 'smtp://ops:hunter2secret@10.0.0.5:25',
      from: 'vw@example.com',
      to: ['ops@example.com'],
    };
    const refusal = await destinationRefusal(mail, closed);
    expect(refusal).toMatch(/^smtp: /);
    expect(refusal).not.toContain('hunter2secret');
  });
});
