/**
 * docs/protocol.md against the zod schemas: the generated parts are up to date, and a client
 * built only from the document's JSON Schema (no import of src/protocol/) plays a room to the
 * end: every payload it sends is checked against the document before it goes, and every reply
 * and event it gets must match the document's shape exactly (no undocumented field).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RunningServer } from '../../src/server/server';
import { defsFromDocument, regenerate } from '../../tools/lib/protocol-doc';
import { boot, ROOT, TRAINER_KEY, tempDir, uuid } from './support';

const doc = readFileSync(join(ROOT, 'docs', 'protocol.md'), 'utf8');

describe('docs/protocol.md', () => {
  it('is what npm run protocol makes from the schemas (run it after changing src/protocol/)', () => {
    expect(regenerate(doc) === doc).toBe(true);
  });
});

// Everything below knows the protocol only through the document.
const defs = defsFromDocument(doc);
const check = (name: string) => {
  if (!defs[name]) throw new Error(`The document has no schema ${name}.`);
  return z.fromJSONSchema({ $defs: defs, $ref: `#/$defs/${name}` } as never);
};

// biome-ignore lint/suspicious/noExplicitAny: this client knows the shapes only from the document, checked at run time
type Json = Record<string, any>;

class DocClient {
  readonly problems: string[] = [];
  readonly events: { event: string; payload: Json }[] = [];
  private constructor(readonly socket: Socket) {
    socket.onAny((event: string, payload: Json) => {
      const r = check(`event:${event}`).safeParse(payload);
      if (!r.success) this.problems.push(`${event}: ${r.error.message}`);
      this.events.push({ event, payload });
    });
  }
  static async open(url: string): Promise<DocClient> {
    const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((res, rej) => {
      socket.once('connect', () => res());
      socket.once('connect_error', rej);
    });
    return new DocClient(socket);
  }
  async send(event: string, payload: Json): Promise<Json> {
    const sent = check(`event:${event}`).safeParse(payload);
    if (!sent.success)
      throw new Error(`The client built a ${event} the document refuses: ${sent.error.message}`);
    const reply = (await this.socket.timeout(20_000).emitWithAck(event, payload)) as Json;
    const r = check(`reply:${event}`).safeParse(reply);
    if (!r.success) this.problems.push(`reply to ${event}: ${r.error.message}`);
    return reply;
  }
  last(event: string): Json | undefined {
    return this.events.filter((e) => e.event === event).at(-1)?.payload;
  }
  async until(pred: () => boolean, ms = 15_000): Promise<void> {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/** A ballot for a task, read from the task as the document describes it. */
function ballotFor(task: Json): Json {
  if (task.kind === 'close') {
    const c = task.close;
    return {
      type: 'close',
      form: c.forms[0].form,
      delivery: c.deliveries[0].delivery,
      points: c.points.slice(0, 2).map((p: Json) => p.id),
      leverage: c.leverage[0]?.id ?? null,
      commit: c.canCommit,
    };
  }
  const ids: string[] = task.options.map((o: Json) => o.id);
  // Make a close when one is offered, so the close ballot is exercised too.
  return { type: 'option', option: ids.includes('close') ? 'close' : ids[0] };
}

describe('a client written from the document', () => {
  let tmp: ReturnType<typeof tempDir>;
  let server: RunningServer;
  const clients: DocClient[] = [];
  beforeAll(async () => {
    tmp = tempDir();
    server = await boot(join(tmp.dir, 'closecall.db'));
  });
  afterAll(async () => {
    for (const c of clients) c.socket.disconnect();
    await server.close();
    tmp.cleanup();
  });

  it('opens a room, joins, votes every round to the end, resumes, and every message matches the document', async () => {
    const host = await DocClient.open(server.url);
    const phone = await DocClient.open(server.url);
    clients.push(host, phone);
    const created = await host.send('host:create', {
      trainerKey: TRAINER_KEY,
      settings: { scenario: 'tutorial', mode: 'individuals', voteSeconds: 0 },
    });
    expect(created.ok).toBe(true);
    const joined = await phone.send('player:join', {
      code: created.state.code,
      name: 'Ada',
      device: 'device-one',
    });
    expect(joined.ok).toBe(true);
    const refused = await phone.send('player:vote', {
      id: uuid(),
      round: 1,
      ballot: { type: 'option', option: 'x' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'no-vote-open' } });
    expect((await host.send('host:control', { id: uuid(), command: 'start' })).ok).toBe(true);
    let kinds = new Set<string>();
    for (let round = 1; round <= 60; round++) {
      await phone.until(() => phone.last('room:state')?.round?.number === round);
      const state = phone.last('room:state')!;
      const task = state.round.tasks.find((t: Json) => t.team === joined.you.team);
      if (!task || task.kind === 'none') break;
      kinds.add(task.kind);
      if (state.round.status === 'discussion') {
        expect((await host.send('host:control', { id: uuid(), command: 'start' })).ok).toBe(true);
      }
      // A round with nothing to vote on closes by itself.
      if (task.kind !== 'continue') {
        const voted = await phone.send('player:vote', { id: uuid(), round, ballot: ballotFor(task) });
        expect(voted, JSON.stringify(voted)).toMatchObject({ ok: true, duplicate: false });
      }
      await phone.until(() => phone.last('room:reveal')?.round === round);
      const next = await host.send('host:control', { id: uuid(), command: 'next' });
      if (!next.ok) {
        expect(next.error.code).toBe('bad-state');
        break;
      }
    }
    expect(kinds.has('close')).toBe(true);
    kinds = new Set();
    // A new connection resumes with the tokens, as after a reload.
    const again = await DocClient.open(server.url);
    clients.push(again);
    const resumed = await again.send('player:resume', { playerToken: joined.playerToken, lastSeq: 0 });
    expect(resumed.ok).toBe(true);
    expect(resumed.missed.length).toBeGreaterThan(0);
    const hostAgain = await DocClient.open(server.url);
    clients.push(hostAgain);
    expect((await hostAgain.send('host:resume', { hostToken: created.hostToken, lastSeq: 0 })).ok).toBe(true);
    expect((await hostAgain.send('host:control', { id: uuid(), command: 'end' })).ok).toBe(true);
    await again.until(() => again.last('room:state')?.status === 'ended');
    await host.until(() => host.last('room:players') !== undefined);
    expect([...host.problems, ...phone.problems, ...again.problems, ...hostAgain.problems]).toEqual([]);
    const seen = new Set([...host.events, ...phone.events].map((e) => e.event));
    for (const e of ['room:state', 'room:action', 'room:reveal', 'room:players', 'you:update']) {
      expect(seen.has(e), e).toBe(true);
    }
  }, 60_000);
});
