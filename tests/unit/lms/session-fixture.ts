/** A finished group session's record, made by playing two teams through the engine (one well, one poorly). */
import { type Action, Playthrough } from '../../../src/engine';
import type { Ballot, SessionRecord } from '../../../src/protocol';
import { drive, loadScenario } from './drive';

export const scenario = loadScenario('03-open-doors.json');

function ballotOf(a: Action): Ballot | null {
  if (a.type === 'choose') return { type: 'option', option: `choice:${a.choice}` };
  if (a.type === 'persist') return { type: 'option', option: `persist:${a.act}` };
  if (a.type === 'let-go') return { type: 'option', option: 'let-go' };
  if (a.type === 'negotiate') return { type: 'option', option: `move:${a.move}` };
  if (a.type === 'close') return { type: 'close', ...a.close };
  return null;
}

export function sessionRecord(): SessionRecord {
  const seed = 77;
  const teams = [
    { id: 't1', name: 'Red', policy: 'good' as const },
    { id: 't2', name: 'Blue', policy: 'poor' as const },
  ];
  const players = teams.flatMap((t, i) => [
    { id: `p${i}a`, name: `Ana ${t.name}`, team: t.id, status: 'active' as const },
    { id: `p${i}b`, name: `Ben ${t.name}`, team: t.id, status: 'active' as const },
  ]);
  const t0 = Date.UTC(2026, 11, 1, 9, 0, 0);
  const log: SessionRecord['log'] = [];
  const votes: SessionRecord['votes'] = [];
  let seq = 0;
  for (const t of teams) {
    const play = drive(Playthrough.start(scenario, { seed, mode: 'expected' }), t.policy);
    play.actions.forEach((action, step) => {
      const at = t0 + (step + 1) * 30_000;
      log.push({ seq: ++seq, team: t.id, round: step + 1, action: action as never, at });
      const ballot = ballotOf(action);
      if (!ballot) return;
      for (const p of players.filter((q) => q.team === t.id)) {
        const acted = p.id.endsWith('a');
        votes.push({
          round: step + 1,
          team: t.id,
          player: p.id,
          playerName: p.name,
          step,
          node: null,
          ballot: acted ? ballot : { type: 'option', option: 'let-go' },
          acted,
          at: at - 5_000,
        });
      }
    });
  }
  return {
    summary: {
      id: 'sess-1',
      code: 'ABCD',
      scenario: { id: scenario.meta.id, title: scenario.meta.title },
      mode: 'teams',
      status: 'ended',
      createdAt: t0,
      endedAt: t0 + 3_600_000,
      teams: teams.map((t) => ({ id: t.id, name: t.name, players: 2 })),
    },
    settings: { scenario: scenario.meta.id, mode: 'teams', teams: 2, voteSeconds: 60, autoClose: true },
    seed,
    engineMode: 'expected',
    log,
    reveals: [],
    players,
    votes,
  } as SessionRecord;
}
