// Contract: incident search. A word finds an incident wherever the incident holds it (title,
// vendor, components, any update's text), after edits and renames too; any query text, however
// hostile, is only words; search combines with the other filters and pages; an upgraded store
// finds the incidents it held before.
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../domain/model.js';
import { incidentToRow, updateToRow } from '../incident-rows.js';
import { listIncidents, type IncidentQuery } from '../incidents.js';
import type { Store } from '../db.js';
import { migrateTo, migrateToLatest } from '../migrations/index.js';
import { syncVendors } from '../vendors.js';
import {
  addVendors,
  at,
  incident,
  poll,
  snapshot,
  storeOpener,
  update,
  vendor,
  type StoreHarness,
} from './harness.js';

const cloudlinkUpdate =
  'We are investigating connectivity issues between balenaOS devices and CloudLink.';

async function found(store: Store, query: IncidentQuery): Promise<string[]> {
  const { incidents } = await listIncidents(store.db, { limit: 1000, ...query });
  return incidents.map((i: Incident) => i.sourceId);
}

/** Three incidents of one vendor, each holding its telling word in a different place. */
async function seedBalena(store: Store): Promise<void> {
  await syncVendors(store.db, [vendor('balena', { name: 'balena.io' })], 'config', at(0));
  await poll(
    store,
    'balena',
    snapshot([
      incident('inc-cloudlink', {
        title: 'Degraded performance',
        components: [],
        updates: [
          update('u1', 'investigating', at(-30), cloudlinkUpdate),
          update('u2', 'identified', at(-20), 'A fix is being rolled out.'),
        ],
      }),
      incident('inc-builder', {
        title: 'Slow pages',
        components: ['Dashboard Builder'],
        updates: [update('u3', 'investigating', at(-40), 'Pages load slowly.')],
      }),
      incident('inc-login', {
        title: 'Login errors',
        components: [],
        updates: [update('u4', 'investigating', at(-50), 'Some users cannot sign in.')],
      }),
    ]),
    at(1),
  );
}

export function registerSearchContract(harness: StoreHarness): void {
  const opener = storeOpener(harness);

  describe('incident search', () => {
    it('finds words of any update, the components, the title and the vendor', async () => {
      const { store } = await opener.fresh();
      await seedBalena(store);
      expect(await found(store, { q: 'cloudlink' })).toEqual(['inc-cloudlink']);
      expect(await found(store, { q: 'CLOUDLINK' })).toEqual(['inc-cloudlink']);
      expect(await found(store, { q: 'balenaOS' })).toEqual(['inc-cloudlink']);
      expect(await found(store, { q: 'rolled out' })).toEqual(['inc-cloudlink']);
      expect(await found(store, { q: 'builder' })).toEqual(['inc-builder']);
      expect(await found(store, { q: 'login' })).toEqual(['inc-login']);
      // Every word must be found, each anywhere in the incident.
      expect(await found(store, { q: 'degraded cloudlink' })).toEqual(['inc-cloudlink']);
      expect(await found(store, { q: 'login cloudlink' })).toEqual([]);
      // A word is found by its beginning, not by its middle.
      expect(await found(store, { q: 'cloud' })).toEqual(['inc-cloudlink']);
      expect(await found(store, { q: 'link' })).toEqual([]);
      // The vendor's name and slug find all of its incidents, newest first.
      const all = ['inc-cloudlink', 'inc-builder', 'inc-login'];
      expect(await found(store, { q: 'balena.io' })).toEqual(all);
      expect(await found(store, { q: 'balena' })).toEqual(all);
      expect(await found(store, { q: '   ' })).toEqual(all);
    });

    it('follows new updates, edited updates, title changes and vendor renames', async () => {
      const { store } = await opener.fresh();
      await seedBalena(store);
      const first = update('u4', 'investigating', at(-50), 'Some users cannot sign in.');
      const edited = {
        ...first,
        body: 'Some users hit SAML errors.',
        bodyText: 'Some users hit SAML errors.',
      };
      await poll(
        store,
        'balena',
        snapshot([
          incident('inc-login', {
            title: 'Authentication errors',
            components: [],
            updates: [edited, update('u5', 'resolved', at(-10), 'Okta answered again.')],
          }),
        ]),
        at(2),
      );
      expect(await found(store, { q: 'okta' })).toEqual(['inc-login']);
      expect(await found(store, { q: 'saml' })).toEqual(['inc-login']);
      expect(await found(store, { q: 'sign' })).toEqual([]);
      expect(await found(store, { q: 'authentication' })).toEqual(['inc-login']);
      expect(await found(store, { q: 'login' })).toEqual([]);

      await syncVendors(store.db, [vendor('balena', { name: 'Acme Fleet' })], 'config', at(3));
      expect(await found(store, { q: 'acme fleet' })).toHaveLength(3);
      expect(await found(store, { q: 'balena.io' })).toEqual([]);
    });

    it('reads any query text as words: operators, quotes and long input never fail', async () => {
      const { store } = await opener.fresh();
      await seedBalena(store);
      for (const q of [
        '"cloudlink"',
        'cloudlink*',
        '-cloudlink',
        'cloudlink:*',
        '(cloudlink)',
        "cloudlink'",
        'cloudlink\\',
        'cloudlink AND',
        '^cloudlink',
        'cloudlink & | ! <->',
      ]) {
        expect(await found(store, { q }), q).toEqual(['inc-cloudlink']);
      }
      const hostile = [
        '"',
        '"""',
        '*',
        '-',
        ':',
        '(',
        ')',
        "'",
        "''",
        '\\',
        'NEAR(a b, 2)',
        'a NEAR b',
        'words: cloudlink',
        'x OR y NOT z',
        'AND',
        '\u0000',
        '\uD800',
        '😀 ☃ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
        'İstanbul ǅ ß Ω',
        '日本語のテキスト',
        "'; drop table incidents; --",
        'a'.repeat(2048),
        Array.from({ length: 400 }, (_, i) => `w${i}`).join(' '),
        `${'é'.repeat(1500)} ${'"*'.repeat(300)}`,
      ];
      for (const q of hostile) {
        const result = await listIncidents(store.db, { q, limit: 10 });
        expect(Array.isArray(result.incidents), q.slice(0, 40)).toBe(true);
      }
      // Text without a single word can match nothing.
      expect(await found(store, { q: '*** "" ()' })).toEqual([]);
      expect(await found(store, { q: 'Ω' })).toEqual([]);
      expect(await found(store, { q: '1'.repeat(2048) })).toEqual([]);
    });

    it('folds case and accents the same way for stored words and searches', async () => {
      const { store } = await opener.fresh();
      await addVendors(store, ['acme']);
      await poll(
        store,
        'acme',
        snapshot([
          incident('fr', { title: 'État du réseau dégradé', components: ['Zürich DC'] }),
          incident('de', { title: 'STRASSE Ärger', components: [] }),
        ]),
        at(1),
      );
      expect(await found(store, { q: 'etat reseau' })).toEqual(['fr']);
      expect(await found(store, { q: 'ÉTAT DÉGRADÉ' })).toEqual(['fr']);
      expect(await found(store, { q: 'zurich' })).toEqual(['fr']);
      expect(await found(store, { q: 'ärger strasse' })).toEqual(['de']);
    });

    it('keeps an incident whose vendor posted a flood of words searchable by its first words', async () => {
      const { store } = await opener.fresh();
      await addVendors(store, ['flood']);
      const flood = (n: number) =>
        Array.from({ length: 6000 }, (_, i) => `${'x'.repeat(110)}${n}w${i}`).join(' ');
      await poll(
        store,
        'flood',
        snapshot([
          incident('big', {
            title: 'Firehose',
            updates: [1, 2, 3].map((n) => update(`u${n}`, 'investigating', at(-n), flood(n))),
          }),
        ]),
        at(1),
      );
      expect(await found(store, { q: 'firehose' })).toEqual(['big']);
      expect(await found(store, { q: 'x'.repeat(100) })).toEqual(['big']);
    });

    it('combines with every other filter and pages in the list order', async () => {
      const { store } = await opener.fresh();
      await addVendors(store, ['alpha', 'beta']);
      for (const slug of ['alpha', 'beta']) {
        const incidents = Array.from({ length: 20 }, (_, i) => {
          const startedAt = at(-(i % 4) * 60);
          const open = i % 3 === 0;
          const word = i % 2 === 0 ? 'cloudlink' : 'vpn';
          return incident(`${slug}${String(i).padStart(2, '0')}`, {
            title: `Problem ${i}`,
            impact: i % 4 === 0 ? 'major' : 'minor',
            startedAt,
            phase: open ? 'investigating' : 'resolved',
            resolvedAt: open ? null : at(0),
            updates: [
              update(
                `u${i}`,
                open ? 'investigating' : 'resolved',
                startedAt,
                `The ${word} gateway failed.`,
              ),
            ],
          });
        });
        await poll(store, slug, snapshot(incidents), at(1));
      }
      const all = (await listIncidents(store.db, { limit: 1000 })).incidents;
      const even = (i: Incident) => Number(i.sourceId.slice(-2)) % 2 === 0;
      const cases: Array<[IncidentQuery, (i: Incident) => boolean]> = [
        [{ q: 'cloudlink' }, even],
        [{ q: 'cloudlink', vendor: 'beta' }, (i) => even(i) && i.vendorSlug === 'beta'],
        [{ q: 'cloudlink', active: true }, (i) => even(i) && i.resolvedAt === null],
        [{ q: 'vpn gateway', impact: 'minor' }, (i) => !even(i) && i.impact === 'minor'],
        [{ q: 'cloudlink', since: at(-120) }, (i) => even(i) && i.startedAt >= at(-120)],
        [{ q: 'cloudlink', until: at(-60) }, (i) => even(i) && i.startedAt < at(-60)],
      ];
      for (const [query, predicate] of cases) {
        const expected = all.filter(predicate).map((i) => i.id);
        expect(expected.length, JSON.stringify(query)).toBeGreaterThan(0);
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await listIncidents(store.db, { ...query, limit: 3, cursor });
          expect(page.incidents.length).toBeLessThanOrEqual(3);
          seen.push(...page.incidents.map((i) => i.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen, JSON.stringify(query)).toEqual(expected);
      }
    });

    it('finds the incidents an older store held once it is upgraded', async () => {
      const url = await harness.freshDatabase();
      const store = await opener.openAt(url);
      await migrateTo(store, '2026_11_28_0002_failure_reach');
      await addVendors(store, ['balena']);
      const old: Incident = {
        id: 'balena-old',
        vendorSlug: 'balena',
        sourceId: 'old',
        title: 'Degraded performance',
        kind: 'incident',
        impact: 'minor',
        phase: 'resolved',
        startedAt: at(-100),
        resolvedAt: at(-50),
        detectedAt: at(-100),
        backfilled: false,
        sourceUrl: null,
        components: ['Device VPN'],
        scheduledFor: null,
        scheduledUntil: null,
        regions: [],
      };
      // The schema of that time had no regions column.
      const { regions: _regions, ...oldRow } = incidentToRow(old, at(0));
      await store.db.insertInto('incidents').values(oldRow).execute();
      await store.db
        .insertInto('incident_updates')
        .values(
          updateToRow(old.id, {
            id: 'u1',
            phase: 'resolved',
            body: cloudlinkUpdate,
            bodyText: cloudlinkUpdate,
            postedAt: at(-50),
            detectedAt: at(-50),
            components: null,
          }),
        )
        .execute();
      await migrateToLatest(store);
      expect(await found(store, { q: 'cloudlink' })).toEqual(['old']);
      expect(await found(store, { q: 'vpn' })).toEqual(['old']);
      expect(await found(store, { q: 'degraded' })).toEqual(['old']);
    });
  });
}
