/** Past sessions for the trainer: the list, one session read-only, and its CSV export. */
import {
  type Ballot,
  CSV_COLUMNS,
  type SessionRecord,
  type SessionSummary,
  type VoteRecord,
} from '../protocol/index';
import { csvText } from './csv';
import type { LoadedSession, SessionRow, Store } from './store/types';
import { sameBallot } from './tally';

async function summary(store: Store, s: SessionRow): Promise<SessionSummary> {
  return {
    id: s.id,
    code: s.code,
    scenario: { id: s.scenario, title: s.scenarioTitle },
    mode: s.settings.mode,
    status: s.status,
    createdAt: s.createdAt,
    endedAt: s.endedAt,
    teams: await store.teamSummaries(s.id),
  };
}

export async function sessionSummaries(store: Store): Promise<SessionSummary[]> {
  const out: SessionSummary[] = [];
  for (const s of await store.listSessions()) out.push(await summary(store, s));
  return out;
}

function votesOf(loaded: LoadedSession): VoteRecord[] {
  const names = new Map(loaded.players.map((p) => [p.id, p.name]));
  const chosen = new Map<string, Ballot | null>();
  for (const r of loaded.reveals) for (const t of r.teams) chosen.set(`${r.round}/${t.team}`, t.chosen);
  return loaded.votes.map((v) => {
    const did = chosen.get(`${v.round}/${v.team}`);
    return {
      round: v.round,
      team: v.team,
      player: v.player,
      playerName: names.get(v.player) ?? v.player,
      step: v.step,
      node: v.node,
      ballot: v.ballot,
      acted: !!did && sameBallot(v.ballot, did),
      at: v.at,
    };
  });
}

export async function sessionRecord(store: Store, id: string): Promise<SessionRecord | null> {
  const loaded = await store.loadSession(id);
  if (!loaded) return null;
  const s = loaded.session;
  return {
    summary: await summary(store, s),
    settings: s.settings,
    seed: s.seed,
    engineMode: 'expected',
    log: loaded.log,
    reveals: loaded.reveals,
    players: loaded.players.map((p) => ({ id: p.id, name: p.name, team: p.team, status: p.status })),
    votes: votesOf(loaded),
  };
}

/** A ballot in one cell: the option id, or a close as its parts. */
export function ballotText(b: Ballot): string {
  if (b.type === 'option') return b.option;
  return `close form=${b.form} delivery=${b.delivery} points=${b.points.join('+')} leverage=${b.leverage ?? 'none'} commit=${b.commit ? 'yes' : 'no'}`;
}

export async function sessionCsv(store: Store, id: string): Promise<string | null> {
  const loaded = await store.loadSession(id);
  if (!loaded) return null;
  const s = loaded.session;
  const teamNames = new Map(loaded.teams.map((t) => [t.id, t.name]));
  const statuses = new Map(loaded.players.map((p) => [p.id, p.status]));
  const rows: (string | number)[][] = [];
  const votes = votesOf(loaded).sort(
    (a, b) => a.round - b.round || a.at - b.at || a.player.localeCompare(b.player),
  );
  for (const v of votes) {
    const cells: Record<(typeof CSV_COLUMNS)[number], string | number> = {
      session: s.id,
      room: s.code,
      team: teamNames.get(v.team) ?? v.team,
      player: v.playerName,
      step: v.step,
      node: v.node ?? '',
      choice: ballotText(v.ballot),
      acted: v.acted ? 'yes' : 'no',
      at: new Date(v.at).toISOString(),
      round: v.round,
      scenario: s.scenario,
      player_status: statuses.get(v.player) ?? 'active',
    };
    rows.push(CSV_COLUMNS.map((c) => cells[c]));
  }
  return csvText(CSV_COLUMNS, rows);
}
