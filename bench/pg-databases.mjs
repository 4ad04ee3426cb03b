// Scratch PostgreSQL databases of the bench: created under a name that carries this process's id,
// remembered, and dropped WITH (FORCE) when their phase ends, fails, or the bench is interrupted.
import pg from 'pg';

export const defaultPostgresUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const live = new Map();

async function adminQuery(adminUrl, text) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end().catch(() => {});
  }
}

/** Creates `name` on the server of `adminUrl`; returns the URL of the new database. */
export async function createBenchDatabase(adminUrl, name) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  try {
    await adminQuery(adminUrl, `create database ${name}`);
  } catch (error) {
    throw new Error(`cannot create database ${name} via ${redact(adminUrl)}: ${error.message}`, {
      cause: error,
    });
  }
  live.set(name, adminUrl);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropBenchDatabase(name) {
  const adminUrl = live.get(name);
  if (!adminUrl) return;
  live.delete(name);
  await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
}

/** Every database still there (on an interrupt); errors are printed, not thrown. */
export async function dropAllBenchDatabases() {
  for (const name of [...live.keys()]) {
    await dropBenchDatabase(name).catch((error) =>
      console.error(`[bench] could not drop database ${name}: ${error.message}`),
    );
  }
}

function redact(url) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
