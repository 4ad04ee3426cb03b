// GET /deliveries on a SQLite file with real deliveries: each target's state and recent
// deliveries, escaped and without secrets.
import { afterEach, describe, expect, it } from 'vitest';
import { notifyHarness, type NotifyHarness } from '../../../../test/test-support/notify.js';
import { startReceiver, type Receiver } from '../../../notify/test-support/receiver.js';
import { incident, snapshot } from '../../../store/test-support/harness.js';
import { createApp } from '../../app.js';

let harness: NotifyHarness | undefined;
let receiver: Receiver | undefined;

afterEach(async () => {
  await harness?.close();
  await receiver?.close();
  harness = undefined;
});

describe('GET /deliveries (page)', () => {
  it('shows each target state and recent deliveries, escaped and without secrets', async () => {
    receiver = await startReceiver();
    receiver.respond(() => ({
      status: 500,
      body: '<script>alert(1)</script> at /services/T/B/pageSecret7',
    }));
    harness = await notifyHarness([
      { name: 'chat', type: 'slack', url: receiver.url('/services/T/B/pageSecret7') },
    ]);
    await harness.record(snapshot([]));
    await harness.record(snapshot([incident('a')]));
    const dispatcher = await harness.dispatcher({}, { loop: false });
    await dispatcher.runOnce();

    const app = createApp({ db: harness.store.db, now: () => new Date().toISOString() });
    const response = await app.request('/deliveries');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).toContain('<h1>Notification deliveries</h1>');
    // The site navigation leads here, and marks this page as the current one.
    expect(html).toContain('<a href="/deliveries" aria-current="page">Deliveries</a>');
    expect(html).toMatch(
      /<td>chat<\/td><td>incident\.opened <a href="\/incidents\/balena-a">balena-a<\/a><\/td><td>pending<\/td><td>1<\/td>/,
    );
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('pageSecret7');

    const filtered = await (await app.request('/deliveries?target=other&status=sent')).text();
    expect(filtered).toContain('No deliveries yet.');
  });
});
