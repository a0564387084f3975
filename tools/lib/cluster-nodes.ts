/**
 * Starting and stopping the processes of a local cluster (npm run cluster, the load test with
 * --nodes, the scale-out tests): server processes on loopback ports, a database of their own.
 * Loopback only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/closecall';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface NodeProcess {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  /** Everything the process printed (stdout and stderr), for failure messages. */
  output: string[];
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface NodeEnv {
  redisUrl: string;
  databaseUrl: string;
  redisPrefix: string;
  trainerKey: string;
  /** Print the process's lines as they come, prefixed with its name. */
  echo?: boolean;
  /** The entry to run (default src/server/cluster/node.ts; npm run cluster starts the first with tools/start.mjs, which builds). */
  script?: string;
}

/** Starts one server process (src/server/cluster/node.ts) and waits until it listens. */
export function startNode(
  name: string,
  port: number,
  env: NodeEnv,
  timeoutMs = 60_000,
): Promise<NodeProcess> {
  const script = env.script ?? join(ROOT, 'src', 'server', 'cluster', 'node.ts');
  // LOADTEST_CPU_PROF=<dir> (the load test with --nodes): each process writes a CPU profile there.
  const prof = process.env.LOADTEST_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOADTEST_CPU_PROF}`]
    : [];
  const args = script.endsWith('.ts') ? ['--import', 'tsx', script] : [script];
  const child = spawn(process.execPath, [...prof, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: env.redisUrl,
      DATABASE_URL: env.databaseUrl,
      CLOSECALL_REDIS_PREFIX: env.redisPrefix,
      CLOSECALL_TRAINER_KEY: env.trainerKey,
      // The sticky proxy runs on this machine and sets X-Forwarded-For.
      TRUST_PROXY: process.env.TRUST_PROXY ?? 'loopback',
    },
    // The IPC channel tells the process when its parent is gone (see node.ts): no orphans.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const node: NodeProcess = {
    name,
    port,
    url: `http://127.0.0.1:${port}/`,
    child,
    output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start in ${timeoutMs} ms:\n${output.join('\n')}`));
    }, timeoutMs);
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        output.push(line);
        if (env.echo) console.log(`[${name}] ${line}`);
        if (line.includes('Close Call is running at')) {
          clearTimeout(timer);
          resolve(node);
        }
      }
    };
    child.stdout!.on('data', onLine);
    child.stderr!.on('data', onLine);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before listening:\n${output.join('\n')}`));
    });
  });
}

/** The URL of database `name` on the same server as `url`. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Makes database `name` on that server unless it exists. */
export async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[A-Za-z0-9_]{1,63}$/.test(name))
    throw new Error(`Database name "${name}" must be letters, digits and _.`);
  const admin = new pg.Client({
    connectionString: withDatabase(url, 'postgres'),
    connectionTimeoutMillis: 3_000,
  });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}

/** A new, empty database on the server of `baseUrl`, and how to drop it. */
export async function tempDatabase(
  baseUrl: string,
  prefix = 'closecall_tmp',
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const url = withDatabase(baseUrl, name);
  await ensureDatabase(url);
  return {
    url,
    drop: async () => {
      const admin = new pg.Client({ connectionString: withDatabase(baseUrl, 'postgres') });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

export function randomPrefix(base = 'closecall_tmp'): string {
  return `${base}_${randomBytes(5).toString('hex')}`;
}

/** Peak resident memory of a process so far (Linux: VmHWM), in bytes; 0 when unknown. */
export async function peakRssOf(pid: number | undefined): Promise<number> {
  if (!pid) return 0;
  try {
    const { readFile } = await import('node:fs/promises');
    const m = /VmHWM:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU time (user + system) a process has used so far (Linux: /proc/<pid>/stat), in seconds; 0 when unknown. */
export async function cpuSecondsOf(pid: number | undefined): Promise<number> {
  if (!pid) return 0;
  try {
    const { readFile } = await import('node:fs/promises');
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * For the load test: N scale-out processes against Redis (REDIS_URL or local) and a throwaway
 * Postgres database (on DATABASE_URL's server or the local one), with a fresh key prefix.
 */
export async function startLoadCluster(
  nodes: number,
  trainerKey: string,
): Promise<{
  urls: string[];
  pids: number[];
  peakRss: () => Promise<number[]>;
  stop: () => Promise<void>;
}> {
  const base = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const db = await tempDatabase(base, 'closecall_load');
  const env: NodeEnv = {
    redisUrl: process.env.REDIS_URL || DEFAULT_REDIS_URL,
    databaseUrl: db.url,
    redisPrefix: randomPrefix('closecall_load'),
    trainerKey,
  };
  const ports = await Promise.all(Array.from({ length: nodes }, () => freePort()));
  const started = await Promise.allSettled(
    ports.map((port, i) => startNode(`node${i + 1}`, port, env, 120_000)),
  );
  const procs = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    await db.drop().catch(() => {});
    throw failed.reason;
  }
  return {
    urls: procs.map((p) => p.url),
    pids: procs.map((p) => p.child.pid ?? 0),
    peakRss: () => Promise.all(procs.map((p) => peakRssOf(p.child.pid))),
    stop: async () => {
      await Promise.all(procs.map((p) => p.stop('SIGTERM')));
      await db.drop().catch(() => {});
      await cleanRedisPrefix(env.redisUrl, env.redisPrefix);
    },
  };
}

/** Deletes every Redis key under a prefix (a finished run's streams). */
export async function cleanRedisPrefix(url: string, prefix: string): Promise<void> {
  const { createClient } = await import('redis');
  const c = createClient({ url });
  c.on('error', () => {});
  try {
    await c.connect();
    for await (const key of c.scanIterator({ MATCH: `${prefix}*`, COUNT: 200 })) await c.del(key);
  } catch {
    // Redis gone: nothing to clean.
  } finally {
    await c.disconnect().catch(() => {});
  }
}
