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
    // A delivery names the incident by its title and its vendor by name, both linked.
    const row = html.slice(html.indexOf('<tr data-delivery='));
    expect(row).toMatch(
      /^<tr data-delivery="[^"]+"><td class="lead-cell"><strong><a href="\/incidents\/balena-a">Incident a<\/a><\/strong>/,
    );
    expect(row).toContain('<a href="/vendors/balena">Balena</a>');
    expect(row).toContain('<td data-label="Event">Incident opened</td>');
    expect(row).toContain('<span class="badge delivery-pending">Pending</span>');
    expect(row).not.toContain('>balena-a<');
    // The status filters are a list of links: no separator leads the row.
    expect(html).toContain('<nav class="filter-links" aria-label="Deliveries by status"><ul><li>');
    expect(html).not.toMatch(/>\s*·/);
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('pageSecret7');

    const filtered = await (await app.request('/deliveries?target=other&status=sent')).text();
    expect(filtered).toContain('No delivery matches these filters.');
    expect(filtered).toContain(
      '<a href="/deliveries?status=sent&amp;target=other" aria-current="page">Sent</a>',
    );
  });

  it('says how to add a target when there is none', async () => {
    harness = await notifyHarness([]);
    const app = createApp({ db: harness.store.db, now: () => new Date().toISOString() });
    const html = await (await app.request('/deliveries')).text();
    const empty = html.slice(html.indexOf('data-testid="no-targets"'));
    expect(empty).toContain('No notification target yet');
    // The two ways README documents: the config file's notifications: list, and the admin API.
    expect(empty).toContain('<code>notifications:</code>');
    expect(empty).toContain('<code>VENDORWATCH_ADMIN_TOKEN</code>');
    expect(empty).toContain('<code>POST /api/v1/targets</code>');
    expect(empty).toContain('<code>vendorwatch notify test NAME</code>');
    // Status filters would only lead to more empty lists.
    expect(html).not.toContain('class="filter-links"');
    expect(html).toContain('No deliveries yet.');
  });
});
