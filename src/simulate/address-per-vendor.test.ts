import { describe, expect, it } from 'vitest';
import { startSimulator } from './index.js';
import {
  checkAddressCapacity,
  maxAddressVendors,
  openFileLimit,
  vendorAddress,
  vendorIndexOfAddress,
} from './listeners.js';
import { getJson, rawGet } from './test-support/raw-http.js';
import type { WireSummary } from './test-support/wire-types.js';

describe('one loopback address per vendor', () => {
  it('maps vendor indices to 127.0.x.y and back, never 127.0.0.1', () => {
    expect(vendorAddress(0)).toBe('127.0.1.1');
    expect(vendorAddress(249)).toBe('127.0.1.250');
    expect(vendorAddress(250)).toBe('127.0.2.1');
    expect(vendorAddress(9_999)).toBe('127.0.40.250');
    for (const index of [0, 1, 249, 250, 9_999, maxAddressVendors - 1]) {
      expect(vendorIndexOfAddress(vendorAddress(index))).toBe(index);
    }
    expect(vendorIndexOfAddress(`::ffff:${vendorAddress(7)}`)).toBe(7);
    expect(vendorIndexOfAddress('127.0.0.1')).toBeUndefined();
    expect(vendorIndexOfAddress('127.0.1.251')).toBeUndefined();
    expect(vendorIndexOfAddress(undefined)).toBeUndefined();
  });

  it('refuses more vendors than addresses or file descriptors allow, saying why', () => {
    expect(() => checkAddressCapacity(maxAddressVendors + 1)).toThrow(/at most 63750 vendors/);
    const limit = openFileLimit();
    if (limit !== undefined && Number.isFinite(limit) && limit < maxAddressVendors) {
      expect(() => checkAddressCapacity(limit)).toThrow(/soft limit \(ulimit -n\) is/);
    }
    expect(() => checkAddressCapacity(10)).not.toThrow();
  });

  it('serves 300 vendors, each on its own address and the same port', async () => {
    const sim = await startSimulator({ vendors: 300, addressPerVendor: true, incidentRate: 0 });
    try {
      const hosts = new Set<string>();
      for (const [index, vendor] of sim.vendors.entries()) {
        const url = new URL(vendor.baseUrl);
        expect(url.hostname).toBe(vendorAddress(index));
        expect(Number(url.port)).toBe(sim.port);
        hosts.add(url.hostname);
      }
      expect(hosts.size).toBe(300);
      expect(sim.vendors[299]!.baseUrl).toBe(`http://127.0.2.50:${sim.port}`);
      for (const vendor of sim.vendors) {
        const summary = (await getJson(`${vendor.baseUrl}/api/v2/summary.json`)) as WireSummary;
        expect(summary.page.name).toBe(vendor.name);
        expect(summary.page.url).toBe(vendor.baseUrl);
      }
      // The control host stays 127.0.0.1 and still reaches every vendor by path.
      expect(new URL(sim.controlUrl).hostname).toBe('127.0.0.1');
      const listed = (await getJson(`${sim.controlUrl}/_sim/vendors`)) as { vendors: unknown[] };
      expect(listed.vendors).toHaveLength(300);
      const byPath = await rawGet(`${sim.controlUrl}/v/${sim.vendors[5]!.slug}/api/v2/status.json`);
      expect(byPath.status).toBe(200);
      expect((await rawGet(`${sim.controlUrl}/api/v2/status.json`)).status).toBe(404);
    } finally {
      await sim.close();
    }
    await expect(rawGet(`${sim.vendors[0]!.baseUrl}/api/v2/status.json`)).rejects.toThrow();
  });
});
