/**
 * Which Postgres the scale-out tests use: CLOSECALL_TEST_DATABASE_URL, else DATABASE_URL, else the
 * local `test` database if it answers. Each test works in a schema of its own, dropped after.
 * With CLOSECALL_REQUIRE_PG=1 (set by .ci/run) a missing database fails the run instead of skipping.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_URL =
  process.env.CLOSECALL_TEST_DATABASE_URL ||
  process.env.DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/test';
export const REQUIRE_PG = process.env.CLOSECALL_REQUIRE_PG === '1';

export async function pgAvailable(url = PG_URL): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch (err) {
    if (REQUIRE_PG) throw new Error(`CLOSECALL_REQUIRE_PG=1 but Postgres at ${url} does not answer: ${err}`);
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

export function schemaName(): string {
  return `cc_test_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(schema: string, url = PG_URL): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await c.end();
  }
}
