/**
 * npm run cluster -- --nodes N [--port P]
 *
 * Several server processes on one machine in scale-out mode: N processes on ports P+1..P+N
 * (127.0.0.1) share Postgres (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/closecall,
 * made if missing) and Redis (REDIS_URL, default redis://127.0.0.1:6379), behind a small sticky
 * proxy on port P (default PORT or 4173) that phones and the host use. Ctrl+C stops them all.
 * See docs/deploy.md.
 */
import { join } from 'node:path';
import {
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  ensureDatabase,
  type NodeProcess,
  ROOT,
  startNode,
} from './lib/cluster-nodes';
import { startProxy } from './lib/sticky-proxy';

const HELP = `npm run cluster -- --nodes N [--port P]

Starts N Close Call server processes (ports P+1..P+N on 127.0.0.1) in scale-out mode, sharing
Postgres and Redis, behind a sticky proxy on port P (phones and the host use that one).
  --nodes N   processes, 1 to 16 (default 2)
  --port P    the proxy's port (default $PORT or 4173)
Environment: DATABASE_URL (default ${DEFAULT_DATABASE_URL}), REDIS_URL (default ${DEFAULT_REDIS_URL}),
CLOSECALL_REDIS_PREFIX (default closecall), CLOSECALL_TRAINER_KEY, HOST (proxy address, default 0.0.0.0).`;

function parse(argv: string[]): { nodes: number; port: number } {
  let nodes = 2;
  let port = Number(process.env.PORT || 4173);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--help' || a === '-h') {
      console.log(HELP);
      process.exit(0);
    } else if (a === '--nodes') {
      nodes = Number(v);
      i++;
      if (!Number.isInteger(nodes) || nodes < 1 || nodes > 16)
        throw new Error('--nodes takes a whole number from 1 to 16.');
    } else if (a === '--port') {
      port = Number(v);
      i++;
    } else throw new Error(`Unknown option "${a}". Try --help.`);
  }
  if (!Number.isInteger(port) || port < 1 || port + nodes > 65535)
    throw new Error('--port takes a port number (1 to 65535 - N).');
  return { nodes, port };
}

async function run(): Promise<void> {
  const { nodes, port } = parse(process.argv.slice(2));
  const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  try {
    await ensureDatabase(databaseUrl);
  } catch (err) {
    throw new Error(
      `Postgres does not answer at ${databaseUrl.replace(/:[^:@/]*@/, ':***@')} (${(err as Error).message}). Start it (see README, "Scale-out") or set DATABASE_URL.`,
    );
  }
  const env = {
    redisUrl,
    databaseUrl,
    redisPrefix: process.env.CLOSECALL_REDIS_PREFIX || 'closecall',
    trainerKey: process.env.CLOSECALL_TRAINER_KEY ?? '',
    echo: true,
  };
  const procs: NodeProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(procs.map((p) => p.stop('SIGTERM')));
    process.exit(code);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));
  try {
    // The first process builds the game if needed (npm start's script) and, on a new database,
    // makes the trainer key; the others start after it, so there is one key.
    procs.push(
      await startNode('node1', port + 1, { ...env, script: join(ROOT, 'tools', 'start.mjs') }, 300_000),
    );
    const rest = await Promise.all(
      Array.from({ length: nodes - 1 }, (_, i) => startNode(`node${i + 2}`, port + 2 + i, env)),
    );
    procs.push(...rest);
  } catch (err) {
    await stopAll(1);
    throw err;
  }
  for (const p of procs) {
    void p.exited.then((code) => {
      if (!stopping) console.log(`[${p.name}] exited (${code}); the proxy sends its phones to the others.`);
    });
  }
  const proxy = await startProxy({
    port,
    host: process.env.HOST || '0.0.0.0',
    targets: procs.map((p) => p.port),
    log: (line) => console.log(line),
  });
  console.log('');
  console.log(
    `Close Call cluster: ${nodes} process(es) behind http://127.0.0.1:${proxy.port}/ (sticky proxy)`,
  );
  console.log(
    `  Trainers: http://127.0.0.1:${proxy.port}/host   Phones: http://127.0.0.1:${proxy.port}/join`,
  );
  console.log(`  Processes: ${procs.map((p) => p.url).join('  ')}`);
  console.log('Press Ctrl+C to stop them all.');
}

run().catch((err) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
