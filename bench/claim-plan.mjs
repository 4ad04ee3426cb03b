// The PostgreSQL claim's plan at scale: 100,000 vendor rows (1,000 of them due, 300 in flight
// under another worker's lease), then EXPLAIN (ANALYZE, BUFFERS) of the very statement the
// scheduler runs (claimStatement), rolled back. Usage: node bench/claim-plan.mjs [--postgres URL]
// [--vendors N] [--limit N]. Needs `npm run build`.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { claimStatement } from '../dist/store/vendors.js';
import { migrateToLatest, openStore } from '../dist/store/index.js';

const { values } = parseArgs({
  options: {
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    vendors: { type: 'string', default: '100000' },
    limit: { type: 'string', default: '43' },
  },
});
const vendors = Number(values.vendors);
const name = `vw_claim_plan_${process.pid}`;
const admin = new pg.Client({ connectionString: values.postgres });
await admin.connect();
await admin.query(`create database ${name}`);
const url = new URL(values.postgres);
url.pathname = `/${name}`;
const store = await openStore(url.toString());
const client = new pg.Client({ connectionString: url.toString() });
try {
  await migrateToLatest(store);
  await client.connect();
  const now = new Date();
  const iso = (offsetSeconds) => new Date(now.getTime() + offsetSeconds * 1000).toISOString();
  await client.query(
    `insert into vendors (slug, name, status_page_url, platform, category, interval_seconds, source, enabled, created_at)
     select 'v' || i, 'Vendor ' || i, 'https://status' || i || '.example.com', 'statuspage', 'other', 60, 'config', 1, $1
     from generate_series(1, $2) as i`,
    [iso(-86_400), vendors],
  );
  // 1,000 due (the last second's worth at 60 s), 300 in flight, the rest due over the next minute.
  await client.query(
    `insert into vendor_state (slug, next_poll_at, lease_owner, lease_until)
     select 'v' || i,
       case when i <= 1000 then to_char(($1::timestamptz - (i || ' milliseconds')::interval) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
            else to_char(($1::timestamptz + ((i % 60000) || ' milliseconds')::interval + interval '1 second') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') end,
       case when i between 1001 and 1300 then 'other-worker' end,
       case when i between 1001 and 1300 then $2 end
     from generate_series(1, $3) as i`,
    [now.toISOString(), iso(6), vendors],
  );
  await client.query('analyze vendors; analyze vendor_state');
  const compiled = claimStatement(store.db, {
    owner: 'bench',
    now: now.toISOString(),
    leaseSeconds: 6,
    limit: Number(values.limit),
  }).compile();
  await client.query('begin');
  const { rows } = await client.query(
    `explain (analyze, buffers, costs off) ${compiled.sql}`,
    compiled.parameters,
  );
  await client.query('rollback');
  const { rows: indexes } = await client.query(
    `select indexdef from pg_indexes where tablename in ('vendors', 'vendor_state') order by indexname`,
  );
  console.log(
    `-- ${vendors} vendors, 1000 due, 300 leased by another worker, limit ${values.limit}`,
  );
  console.log(compiled.sql);
  console.log('');
  for (const row of rows) console.log(row['QUERY PLAN']);
  console.log('');
  for (const row of indexes) console.log(row.indexdef);
} finally {
  await client.end().catch(() => {});
  await store.close();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
