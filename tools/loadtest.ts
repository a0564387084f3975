/**
 * npm run loadtest -- --rooms R --phones P --churn C [--rounds N] [--scenario id] [--url URL] [--json]
 *
 * R rooms × P phones (socket.io-client, loopback only) play a session: each round every phone
 * votes at once, and a share C of them drops right after sending its vote, reconnects a moment
 * later, resumes with {token, lastSeq} and sends the vote again with the same id when it had no
 * reply. Prints phones, rooms, votesSent, votesCounted, lost, duplicates, p50Ms, p95Ms, p99Ms
 * (vote sent -> reveal received by that phone) and peak memory; also where the time goes: the
 * CPU seconds of the phones (this process) and of the server process(es), in all and from the
 * first vote on, the load average at the start, the churned phones' reconnect and resume times,
 * and p99MsBeyondAbsence (latencies less the time a churned phone stayed away on purpose).
 * Without --url it starts its own server in a child process on a free 127.0.0.1 port with a
 * throwaway database (LOADTEST_CPU_PROF=<dir> profiles it, and the --nodes processes). Bounded:
 * at most 50 rooms, 1,000 phones per room, 50 rounds, and --timeout seconds (default 120) in all.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import type { Ballot, Reveal, RoomState, SessionRecord, Task, You } from '../src/protocol/index';
import { cpuSecondsOf, startLoadCluster } from './lib/cluster-nodes';

/** --nodes (scale-out helper): how to stop the processes if the run fails. */
let stopCluster: (() => Promise<void>) | null = null;

/** The machine's 1-minute load average when the run started (other work on the shared cores). */
const LOAD_AT_START = Math.round(loadavg()[0]! * 100) / 100;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VOTING = new Set(['choose', 'close', 'follow-up', 'negotiate']);

// ---------------------------------------------------------------- the server child

async function serveChild(): Promise<void> {
  const { startServer } = await import('../src/server/server');
  const dir = mkdtempSync(join(tmpdir(), 'closecall-load-'));
  const server = await startServer({
    port: 0,
    root: ROOT,
    dbFile: join(dir, 'load.db'),
    trainerKey: process.env.CLOSECALL_TRAINER_KEY,
    log: () => {},
  });
  // How long the server's event loop was busy before it could take the next thing (a new
  // connection, a vote): the server's own queueing, apart from the phones'.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 250);
  process.send?.({ url: server.url });
  // The parent went away (killed, crashed): do not linger.
  process.on('disconnect', () => {
    void server.close().finally(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  });
  process.on('message', async (m: { type: string }) => {
    if (m.type === 'peak') {
      loopDelay.disable();
      process.send?.({
        peakRss: Math.max(peak, process.memoryUsage.rss()),
        loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
        loopDelayMaxMs: loopDelay.max / 1e6,
      });
    }
    if (m.type === 'stop') {
      clearInterval(sampler);
      await server.close();
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    }
  });
}

// ---------------------------------------------------------------- arguments

interface Options {
  rooms: number;
  phones: number;
  churn: number;
  rounds: number;
  scenario: string;
  url: string | null;
  json: boolean;
  timeout: number;
  teams: number;
  /** --nodes (scale-out helper): N scale-out processes (Redis + Postgres) instead of one SQLite child. */
  nodes: number | null;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    rooms: 2,
    phones: 20,
    churn: 0,
    rounds: 8,
    scenario: 'final-say',
    url: null,
    json: false,
    timeout: 120,
    teams: 4,
    nodes: null,
  };
  const num = (name: string, v: string | undefined, min: number, max: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < min || n > max) {
      throw new Error(`--${name} takes a number from ${min} to ${max}.`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    switch (a) {
      case '--rooms':
        o.rooms = Math.floor(num('rooms', v, 1, 50));
        i++;
        break;
      case '--phones':
        o.phones = Math.floor(num('phones', v, 1, 1000));
        i++;
        break;
      case '--churn':
        o.churn = num('churn', v, 0, 1);
        i++;
        break;
      case '--rounds':
        o.rounds = Math.floor(num('rounds', v, 1, 50));
        i++;
        break;
      case '--teams':
        o.teams = Math.floor(num('teams', v, 1, 8));
        i++;
        break;
      case '--timeout':
        o.timeout = num('timeout', v, 5, 600);
        i++;
        break;
      case '--scenario':
        o.scenario = v ?? o.scenario;
        i++;
        break;
      case '--url': {
        const u = new URL(v ?? '');
        if (!['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) {
          throw new Error('--url must be a loopback address (127.0.0.1, localhost or [::1]).');
        }
        o.url = u.toString();
        i++;
        break;
      }
      case '--json':
        o.json = true;
        break;
      // --nodes (scale-out helper)
      case '--nodes':
        o.nodes = Math.floor(num('nodes', v, 1, 8));
        i++;
        break;
      case '--help':
        console.log(
          'npm run loadtest -- --rooms R --phones P --churn C [--rounds N] [--teams T] [--scenario id] [--url URL] [--nodes N] [--timeout S] [--json]\n  --nodes N  N server processes in scale-out mode (REDIS_URL, DATABASE_URL or the local ones; a throwaway database); phone i uses process i mod N',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown option "${a}". Try --help.`);
    }
  }
  return o;
}

// ---------------------------------------------------------------- clients

type Reply = { ok: boolean; error?: { code: string; message: string }; [k: string]: unknown };

function connectOnce(url: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 30_000,
    });
    s.once('connect', () => resolve(s));
    s.once('connect_error', (e) => {
      s.close();
      reject(e);
    });
  });
}

/** Connects, trying again (as socket.io's own reconnection would) when a busy machine is slow to answer. */
async function connectSocket(url: string): Promise<Socket> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await connectOnce(url);
    } catch (err) {
      if (attempt >= 4) throw err;
      await new Promise((r) => setTimeout(r, 250 * attempt));
    }
  }
}

function ask(s: Socket, event: string, payload: unknown, ms = 30_000): Promise<Reply> {
  return s.timeout(ms).emitWithAck(event, payload) as Promise<Reply>;
}

interface Stats {
  votesSent: number;
  retries: number;
  acked: Map<string, Set<string>>; // "room/round/team" -> players with an acknowledged vote
  rejected: number;
  latencies: number[];
  latenciesConnected: number[];
  reconnects: number;
  failures: string[];
  counted: Map<string, number>; // "room/round/team" -> votes in the reveal
  /** "room/round" -> when the last vote of the round was sent; and when each phone saw the reveal. */
  lastSent: Map<string, number>;
  revealSeen: { round: string; at: number }[];
  /** Churned phones: latency minus the time they stayed away on purpose; reconnect and resume times. */
  beyondAbsence: number[];
  reconnectMs: number[];
  resumeMs: number[];
  /** Called once, when the first vote is sent (the rounds' CPU time starts there). */
  onFirstVote?: () => void;
  /** Resumes a phone gave up itself (closed at the end of the run, or dropped again first). */
  superseded: number;
}

function key(room: string, round: number, team: string): string {
  return `${room}/${round}/${team}`;
}

function ballotFor(task: Task, n: number): Ballot {
  if (task.kind === 'close') {
    const c = task.close!;
    return {
      type: 'close',
      form: c.forms[n % c.forms.length]!.form,
      delivery: c.deliveries[0]!.delivery,
      points: c.points.filter((_, i) => (i + n) % 2 === 0).map((p) => p.id),
      leverage: null,
      commit: false,
    };
  }
  // Spread the room's votes over the options, but never vote to close in a loop forever.
  const ids = task.options.map((o) => o.id);
  return { type: 'option', option: ids[n % ids.length]! };
}

class Phone {
  socket: Socket | null = null;
  token = '';
  team = '';
  lastSeq = 0;
  /** Round -> when the vote was first sent, and whether it was acknowledged. */
  private pending = new Map<
    number,
    { sentAt: number; acked: boolean; id: string; ballot: Ballot; churned: boolean; awayMs: number }
  >();
  private revealed = new Set<number>();

  constructor(
    readonly url: string,
    readonly code: string,
    readonly n: number,
    readonly stats: Stats,
    readonly churn: number,
  ) {}

  async join(): Promise<void> {
    this.socket = await connectSocket(this.url);
    const r = await ask(this.socket, 'player:join', {
      code: this.code,
      name: `Load ${this.n}`,
      device: `load-${this.n}-${randomUUID().slice(0, 8)}`,
    });
    if (!r.ok) throw new Error(`join failed: ${r.error?.code} ${r.error?.message}`);
    this.token = r.playerToken as string;
    this.team = (r.you as You).team;
    this.wire(this.socket);
  }

  /** How many times the phone has dropped on purpose. */
  private drops = 0;
  /** Why the phone's socket last dropped without being told to (for failure messages). */
  dropReason = '';

  private wire(s: Socket): void {
    s.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') this.dropReason = reason;
    });
    s.on('room:state', (st: RoomState) => {
      this.lastSeq = Math.max(this.lastSeq, st.lastSeq);
      this.onState(st);
    });
    s.on('room:action', (e: { seq: number }) => {
      this.lastSeq = Math.max(this.lastSeq, e.seq);
    });
    s.on('room:reveal', (r: Reveal) => this.onReveal(r));
  }

  private onReveal(r: Reveal): void {
    if (this.revealed.has(r.round)) return;
    this.revealed.add(r.round);
    const p = this.pending.get(r.round);
    if (!p) return;
    const now = performance.now();
    const ms = now - p.sentAt;
    this.stats.latencies.push(ms);
    this.stats.revealSeen.push({ round: `${this.code}/${r.round}`, at: now });
    if (!p.churned) this.stats.latenciesConnected.push(ms);
    // The time a churned phone stayed away on purpose is the test's, not the server's.
    this.stats.beyondAbsence.push(ms - p.awayMs);
  }

  private onState(st: RoomState): void {
    const r = st.round;
    if (r?.status !== 'voting' || this.pending.has(r.number)) return;
    const task = r.tasks.find((t) => t.team === this.team);
    if (!task || !VOTING.has(task.kind)) return;
    void this.vote(r.number, task);
  }

  private async vote(round: number, task: Task): Promise<void> {
    const entry = {
      sentAt: performance.now(),
      acked: false,
      id: randomUUID(),
      ballot: ballotFor(task, this.n + round),
      churned: Math.random() < this.churn,
      awayMs: 0,
    };
    this.pending.set(round, entry);
    if (this.stats.votesSent === 0) this.stats.onFirstVote?.();
    this.stats.votesSent++;
    const rk = `${this.code}/${round}`;
    this.stats.lastSent.set(rk, Math.max(this.stats.lastSent.get(rk) ?? 0, entry.sentAt));
    const s = this.socket!;
    const send = (sock: Socket) =>
      ask(sock, 'player:vote', { id: entry.id, round, ballot: entry.ballot }).then(
        (reply) => {
          if (reply.ok) {
            entry.acked = true;
            const k = key(this.code, round, this.team);
            if (!this.stats.acked.has(k)) this.stats.acked.set(k, new Set());
            this.stats.acked.get(k)!.add(String(this.n));
          } else this.stats.rejected++;
        },
        () => {},
      );
    const first = send(s);
    if (!entry.churned) {
      await first;
      return;
    }
    try {
      await this.dropAndResume(round, entry, send);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      this.stats.failures.push(this.dropReason ? `${why} (${this.dropReason})` : why);
    }
  }

  private async dropAndResume(
    round: number,
    entry: { acked: boolean; awayMs: number },
    send: (sock: Socket) => Promise<void>,
  ): Promise<void> {
    const s = this.socket!;
    const drop = ++this.drops;
    // Drop right after sending (the reply may or may not come), come back shortly, resume, retry.
    s.disconnect();
    this.stats.reconnects++;
    entry.awayMs = 20 + Math.random() * 180;
    await new Promise((r) => setTimeout(r, entry.awayMs));
    const t0 = performance.now();
    const again = await connectSocket(this.url);
    const t1 = performance.now();
    this.socket = again;
    this.wire(again);
    let resumed: Reply;
    try {
      resumed = await ask(again, 'player:resume', { playerToken: this.token, lastSeq: this.lastSeq });
    } catch (err) {
      // Given up by the phone itself, not a server failure: the session ended and the run closed
      // its phones while this one was on its way back, or the next round's state reached the new
      // socket before the resume reply and the phone dropped again (a newer resume takes over).
      if (this.closed || this.drops !== drop) {
        this.stats.superseded++;
        return;
      }
      throw err;
    }
    this.stats.reconnectMs.push(t1 - t0);
    this.stats.resumeMs.push(performance.now() - t1);
    if (!resumed.ok) throw new Error(`resume failed: ${resumed.error?.code}`);
    const st = resumed.state as RoomState;
    this.lastSeq = Math.max(this.lastSeq, st.lastSeq);
    const done = st.reveals.find((x) => x.round === round);
    if (done) this.onReveal(done);
    // No reply came before the drop: send the same vote again (same id). If it was counted, the
    // server says it is a duplicate and counts it once; if it never arrived, it counts now.
    if (!entry.acked) {
      this.stats.retries++;
      await send(again);
    }
    this.onState(st);
  }

  private closed = false;

  close(): void {
    this.closed = true;
    this.socket?.disconnect();
  }
}

interface RoomRun {
  code: string;
  session: string;
  url: string;
  rounds: number;
}

async function runRoom(
  urls: string | string[],
  trainerKey: string,
  o: Options,
  stats: Stats,
  base: number,
): Promise<RoomRun> {
  // --nodes (scale-out helper): the host of room r uses process r mod N, phone i process i mod N.
  const list = Array.isArray(urls) ? urls : [urls];
  const url = list[(base / Math.max(1, o.phones)) % list.length]!;
  const host = await connectSocket(url);
  const created = await ask(host, 'host:create', {
    trainerKey,
    settings: { scenario: o.scenario, mode: 'teams', teams: o.teams, voteSeconds: 120, autoClose: true },
  });
  if (!created.ok) throw new Error(`host:create failed: ${created.error?.code} ${created.error?.message}`);
  const code = (created.state as RoomState).code;
  const phones: Phone[] = [];
  // Join in waves so the handshakes do not all land in the same tick.
  console.error(`loadtest: room ${code} open, ${o.phones} phones joining`);
  for (let i = 0; i < o.phones; i += 25) {
    const wave = Array.from(
      { length: Math.min(25, o.phones - i) },
      (_, j) => new Phone(list[(base + i + j) % list.length]!, code, base + i + j, stats, o.churn),
    );
    // A phone that cannot join (a machine too busy to answer within the retries) is counted and left out.
    const joined = await Promise.allSettled(wave.map((p) => p.join()));
    joined.forEach((r, k) => {
      if (r.status === 'fulfilled') phones.push(wave[k]!);
      else stats.failures.push(`join: ${r.reason instanceof Error ? r.reason.message : r.reason}`);
    });
  }
  let rounds = 0;
  const finished = new Promise<void>((resolve) => {
    let lastRevealed = 0;
    host.on('room:reveal', (r: Reveal) => {
      for (const t of r.teams) stats.counted.set(key(code, r.round, t.team), t.votes);
    });
    host.on('room:state', async (st: RoomState) => {
      const r = st.round;
      if (st.status === 'ended') return resolve();
      if (!r) return;
      if (r.status === 'discussion') {
        await ask(host, 'host:control', { id: randomUUID(), command: 'start' }).catch(() => {});
      }
      if (r.status === 'revealed' && r.number > lastRevealed) {
        lastRevealed = r.number;
        rounds = r.number;
        const allEnded = st.teams.every((t) => t.ended || t.players === 0);
        const cmd = r.number >= o.rounds || allEnded ? 'end' : 'next';
        // A short pause, as a trainer would read the reveal, lets churned phones settle.
        setTimeout(() => {
          ask(host, 'host:control', { id: randomUUID(), command: cmd }).catch(() => {});
        }, 50);
      }
    });
  });
  await ask(host, 'host:control', { id: randomUUID(), command: 'start' });
  await finished;
  for (const p of phones) p.close();
  host.disconnect();
  return { code, session: (created.state as RoomState).session, url, rounds };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  if (process.argv.includes('--serve-child')) return serveChild();
  const o = parseArgs(process.argv.slice(2));
  const trainerKey = process.env.CLOSECALL_TRAINER_KEY ?? `load-${randomUUID()}`;
  let url = o.url;
  let child: ReturnType<typeof fork> | null = null;
  // --nodes (scale-out helper)
  let cluster: Awaited<ReturnType<typeof startLoadCluster>> | null = null;
  if (!url && o.nodes) {
    console.error(`loadtest: starting ${o.nodes} scale-out process(es)`);
    cluster = await startLoadCluster(o.nodes, trainerKey);
    stopCluster = cluster.stop;
  } else if (!url) {
    child = fork(fileURLToPath(import.meta.url), ['--serve-child'], {
      // LOADTEST_CPU_PROF=<dir> writes a CPU profile of the server process there.
      execArgv: [
        '--import',
        'tsx',
        ...(process.env.LOADTEST_CPU_PROF
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOADTEST_CPU_PROF}`]
          : []),
      ],
      env: { ...process.env, CLOSECALL_TRAINER_KEY: trainerKey },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    url = await new Promise<string>((resolve, reject) => {
      child!.once('message', (m: { url: string }) => resolve(m.url));
      child!.once('exit', (c) => reject(new Error(`the server exited (${c})`)));
    });
  }
  const stats: Stats = {
    votesSent: 0,
    retries: 0,
    acked: new Map(),
    rejected: 0,
    latencies: [],
    latenciesConnected: [],
    reconnects: 0,
    failures: [],
    counted: new Map(),
    lastSent: new Map(),
    revealSeen: [],
    beyondAbsence: [],
    reconnectMs: [],
    resumeMs: [],
    superseded: 0,
  };
  let clientPeak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    clientPeak = Math.max(clientPeak, process.memoryUsage.rss());
  }, 100);
  const started = performance.now();
  const clientLoop = monitorEventLoopDelay({ resolution: 10 });
  clientLoop.enable();
  const clientCpuStart = process.cpuUsage();
  const serverPids = child ? [child.pid] : (cluster?.pids ?? []);
  const serverCpuStart = await Promise.all(serverPids.map((pid) => cpuSecondsOf(pid)));
  // The same from the first vote on: the rounds alone, without the joins.
  const roundsFrom: { at: Promise<{ client: NodeJS.CpuUsage; server: number[] }> | null } = { at: null };
  // Whatever happens, the run ends: a hard stop a little after the time limit.
  setTimeout(
    () => {
      console.error('loadtest: hard stop after the time limit');
      child?.kill();
      void cluster?.stop().finally(() => process.exit(2));
      if (!cluster) process.exit(2);
    },
    (o.timeout + 30) * 1000,
  ).unref();
  stats.onFirstVote = () => {
    const client = process.cpuUsage();
    roundsFrom.at = Promise.all(serverPids.map((pid) => cpuSecondsOf(pid))).then((server) => ({
      client,
      server,
    }));
  };
  const progress = setInterval(() => {
    console.error(
      `loadtest: ${Math.round((performance.now() - started) / 1000)} s, ${stats.votesSent} votes sent, ${stats.latencies.length} reveals`,
    );
  }, 5000);
  progress.unref();
  let timedOut = false;
  const deadline = new Promise<null>((resolve) =>
    setTimeout(() => {
      timedOut = true;
      resolve(null);
    }, o.timeout * 1000).unref(),
  );
  const runs = await Promise.race([
    Promise.all(
      Array.from({ length: o.rooms }, (_, i) =>
        runRoom(cluster ? cluster.urls : url!, trainerKey, o, stats, i * o.phones),
      ),
    ),
    deadline,
  ]);
  clearInterval(sampler);
  clearInterval(progress);
  clientLoop.disable();
  // CPU time of the run itself (joins, rounds; not the record reads below): the phones share the
  // machine's cores with the server, so their share says how much of the time is the test bed.
  const runSeconds = (performance.now() - started) / 1000;
  const clientCpu = process.cpuUsage(clientCpuStart);
  const clientCpuS = (clientCpu.user + clientCpu.system) / 1e6;
  const serverCpuEnd = await Promise.all(serverPids.map((pid) => cpuSecondsOf(pid)));
  const serverCpuS = serverCpuEnd.reduce((a, b, i) => a + b - serverCpuStart[i]!, 0);
  const from = roundsFrom.at ? await roundsFrom.at : null;
  const clientRounds = from ? process.cpuUsage(from.client) : null;
  const clientCpuRoundsS = clientRounds ? (clientRounds.user + clientRounds.system) / 1e6 : null;
  const serverCpuRoundsS = from ? serverCpuEnd.reduce((a, b, i) => a + b - from.server[i]!, 0) : null;
  const stored = new Map<string, Set<string>>();
  let recordsRead = 0;
  for (const run of runs ?? []) {
    try {
      const res = await fetch(new URL(`/api/sessions/${run.session}`, run.url), {
        headers: { authorization: `Bearer ${trainerKey}` },
      });
      if (!res.ok) {
        console.error(`loadtest: could not read the record of room ${run.code} (HTTP ${res.status})`);
        continue;
      }
      const record = (await res.json()) as SessionRecord;
      recordsRead++;
      for (const v of record.votes) {
        const k = key(run.code, v.round, v.team);
        if (!stored.has(k)) stored.set(k, new Set());
        stored.get(k)!.add(v.playerName);
      }
    } catch (err) {
      // A server given by --url may not know this trainer key: fall back to the replies alone.
      console.error(
        `loadtest: could not read the record of room ${run.code}: ${err instanceof Error ? err.message : err}`,
      );
    }
  }
  let serverPeak: number | null = null;
  let serverLoop: { p99: number; max: number } | null = null;
  if (child) {
    child.send({ type: 'peak' });
    const m = await new Promise<{ peakRss: number; loopDelayP99Ms: number; loopDelayMaxMs: number }>(
      (resolve) => child!.once('message', resolve),
    );
    serverPeak = m.peakRss;
    serverLoop = { p99: m.loopDelayP99Ms, max: m.loopDelayMaxMs };
    child.send({ type: 'stop' });
    await new Promise((r) => child!.once('exit', r));
  }
  if (cluster) {
    serverPeak = (await cluster.peakRss()).reduce((a, b) => a + b, 0);
    await cluster.stop();
  }
  // Lost and duplicated votes are judged against the server's own record (GET /api/sessions/<id>):
  // a vote the server acknowledged must be in the database and counted in its round's reveal, once.
  let acked = 0;
  let counted = 0;
  let lost = 0;
  let duplicates = 0;
  let unacknowledged = 0;
  for (const c of stats.counted.values()) counted += c;
  for (const players of stats.acked.values()) acked += players.size;
  for (const [k, players] of stats.acked) {
    const inDb = stored.get(k);
    for (const n of players) if (recordsRead > 0 && !inDb?.has(`Load ${n}`)) lost++;
  }
  for (const [k, c] of stats.counted) {
    const voters = recordsRead > 0 ? (stored.get(k)?.size ?? 0) : (stats.acked.get(k)?.size ?? 0);
    if (c > voters) {
      duplicates += c - voters;
      if (process.env.LOADTEST_DEBUG) {
        console.error(
          `dup ${k}: counted ${c}, stored ${[...(stored.get(k) ?? [])]}, acked ${[...(stats.acked.get(k) ?? [])]}`,
        );
      }
    }
    if (c < voters) lost += voters - c;
  }
  unacknowledged = Math.max(0, stats.votesSent - acked);
  const sorted = [...stats.latencies].sort((a, b) => a - b);
  // The server's own part: from the round's last vote sent to each phone seeing the reveal (every
  // earlier voter also waits for the others to vote, since a round closes when everyone has).
  const afterLast = stats.revealSeen
    .filter((x) => stats.lastSent.has(x.round))
    .map((x) => x.at - stats.lastSent.get(x.round)!)
    .sort((a, b) => a - b);
  const conn = [...stats.latenciesConnected].sort((a, b) => a - b);
  const ascending = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const beyond = ascending(stats.beyondAbsence);
  const reconnect = ascending(stats.reconnectMs);
  const resume = ascending(stats.resumeMs);
  const r1 = (x: number) => Math.round(x * 10) / 10;
  const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;
  const result = {
    phones: o.rooms * o.phones,
    phonesJoined: o.rooms * o.phones - stats.failures.filter((f) => f.startsWith('join:')).length,
    rooms: o.rooms,
    nodes: o.nodes ?? 1,
    scaleOut: o.nodes !== null,
    churn: o.churn,
    rounds: runs ? runs.reduce((n, r) => n + r.rounds, 0) : null,
    votesSent: stats.votesSent,
    votesAcked: acked,
    unacknowledged,
    votesCounted: counted,
    lost,
    // Without the server's record (a run that timed out reads none) a vote counted in a reveal
    // but not yet acknowledged looks like a duplicate: nothing can be judged then.
    duplicates: recordsRead > 0 || unacknowledged === 0 ? duplicates : null,
    rejected: stats.rejected,
    retries: stats.retries,
    reconnects: stats.reconnects,
    resumesAbandoned: stats.superseded,
    failures: stats.failures.length,
    firstFailure: stats.failures[0] ?? null,
    p50Ms: Math.round(percentile(sorted, 50) * 10) / 10,
    p95Ms: Math.round(percentile(sorted, 95) * 10) / 10,
    p99Ms: Math.round(percentile(sorted, 99) * 10) / 10,
    p99MsStayedConnected: Math.round(percentile(conn, 99) * 10) / 10,
    // Every phone's latency less the 20-200 ms a churned phone stays away on purpose (with churn
    // the plain p99 cannot go below about 190 ms: a dropped phone sees the reveal only once back).
    p99MsBeyondAbsence: r1(percentile(beyond, 99)),
    // A churned phone's way back: a new connection, then player:resume answered.
    reconnectP50Ms: r1(percentile(reconnect, 50)),
    reconnectP99Ms: r1(percentile(reconnect, 99)),
    resumeP50Ms: r1(percentile(resume, 50)),
    resumeP99Ms: r1(percentile(resume, 99)),
    lastVoteToRevealP50Ms: Math.round(percentile(afterLast, 50) * 10) / 10,
    lastVoteToRevealP99Ms: Math.round(percentile(afterLast, 99) * 10) / 10,
    peakServerRssMb: serverPeak === null ? null : mb(serverPeak),
    peakClientRssMb: mb(clientPeak),
    seconds: Math.round((performance.now() - started) / 100) / 10,
    // CPU seconds during the run: the load test's phones (this process) and the server process(es)
    // (Redis and Postgres not counted); clientCpuShare = client / (client + server).
    clientCpuS: Math.round(clientCpuS * 10) / 10,
    serverCpuS: Math.round(serverCpuS * 10) / 10,
    // The same from the first vote sent to the end of the rounds (without the joins).
    clientCpuRoundsS: clientCpuRoundsS === null ? null : r1(clientCpuRoundsS),
    serverCpuRoundsS: serverCpuRoundsS === null ? null : r1(serverCpuRoundsS),
    clientCpuShare: Math.round((clientCpuS / Math.max(1e-9, clientCpuS + serverCpuS)) * 100) / 100,
    runWallS: Math.round(runSeconds * 10) / 10,
    loadAverageAtStart: LOAD_AT_START,
    // Event-loop delay (how long a ready message waited for the process), default mode only for
    // the server: p99 and worst over the whole run, joins included.
    serverLoopDelayP99Ms: serverLoop ? r1(serverLoop.p99) : null,
    serverLoopDelayMaxMs: serverLoop ? r1(serverLoop.max) : null,
    clientLoopDelayP99Ms: r1(clientLoop.percentile(99) / 1e6),
    clientLoopDelayMaxMs: r1(clientLoop.max / 1e6),
    timedOut,
  };
  if (o.json) console.log(JSON.stringify(result, null, 2));
  else {
    for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(22)} ${v}`);
  }
  process.exit(timedOut ? 1 : 0);
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  // --nodes (scale-out helper): the processes stop with this one (IPC), the database is dropped.
  void (stopCluster?.() ?? Promise.resolve()).finally(() => process.exit(1));
});
