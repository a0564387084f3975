/**
 * A group session's records as xAPI statements, for a trainer to send to their LRS: each team's
 * play replayed from the session's action log, with one actor per team (an identified Group
 * whose members are the players) or one per player (their votes). Statement ids and
 * registrations are derived from the session, so sending a session twice sends the same
 * statements (an LRS keeps one of each). Pure: the server builds and sends them.
 */
import { Playthrough, type Scenario } from '../../engine';
import type { Ballot, SessionRecord } from '../index';
import { interactionsSince, playReport } from './report';
import {
  ACTIVITY_TYPES,
  EXTENSIONS,
  interactionStatement,
  type Json,
  lifecycleStatement,
  type Statement,
  type StatementContext,
  VERBS,
} from './statements';

export type SessionActors = 'team' | 'player';

export interface SessionStatementsInput {
  record: SessionRecord;
  scenario: Scenario;
  /** The site the accounts belong to (the session server's address). */
  homePage: string;
  actors: SessionActors;
}

/** A UUID (version 5 layout) derived from a text: the same text always gives the same id. */
export function stableUuid(text: string): string {
  const bytes = new Uint8Array(16);
  for (let part = 0; part < 4; part++) {
    let h = (2166136261 ^ Math.imul(part + 1, 0x9e3779b1)) >>> 0;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    bytes[part * 4] = h >>> 24;
    bytes[part * 4 + 1] = (h >>> 16) & 255;
    bytes[part * 4 + 2] = (h >>> 8) & 255;
    bytes[part * 4 + 3] = h & 255;
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const x = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** A ballot as the learner's response: the option's id, or the close as its parts. */
export function ballotResponse(b: Ballot): string {
  if (b.type === 'option') return b.option.replace(/^(choice|persist|move):/, '');
  return [
    `form=${b.form}`,
    `delivery=${b.delivery}`,
    `points=${b.points.join(',')}`,
    `leverage=${b.leverage ?? 'none'}`,
    `commit=${b.commit ? 'yes' : 'no'}`,
  ].join(';');
}

function account(homePage: string, name: string): Statement {
  return { homePage, name };
}

interface TeamPlay {
  id: string;
  name: string;
  play: Playthrough;
  at: number[];
}

function teamPlays(record: SessionRecord, scenario: Scenario): TeamPlay[] {
  return record.summary.teams.map((t) => {
    const entries = record.log.filter((e) => e.team === t.id).sort((a, b) => a.seq - b.seq);
    const play = Playthrough.start(scenario, { seed: record.seed, mode: 'expected' });
    for (const e of entries) play.act(e.action);
    return { id: t.id, name: t.name, play, at: entries.map((e) => e.at) };
  });
}

/** Every statement of the session, in time order within each actor. Throws EngineError if the log does not fit the scenario. */
export function sessionStatements(input: SessionStatementsInput): Statement[] {
  const { record, scenario, homePage } = input;
  const sid = record.summary.id;
  const activityId = `${homePage.replace(/\/$/, '')}/scenarios/${scenario.meta.id}`;
  const activity = { name: scenario.meta.title, description: scenario.meta.summary };
  const started = record.summary.createdAt;
  const out: Statement[] = [];
  const member = (p: { id: string; name: string }): Statement => ({
    objectType: 'Agent',
    name: p.name,
    account: account(homePage, `session-${sid}-player-${p.id}`),
  });
  const sessionContext = (team: TeamPlay): Record<string, Json> => ({
    [EXTENSIONS.team]: team.name,
    [EXTENSIONS.session]: sid,
  });
  /** Statement ids from what they say, so a second send repeats the same ids. */
  const fix = (s: Statement, key: string): Statement => ({ ...s, id: stableUuid(`${sid}|${key}`) });

  for (const team of teamPlays(record, scenario)) {
    const report = playReport(team.play);
    const interactions = interactionsSince(team.play, 0);
    const ended = report.ended && report.score !== null;
    const lastAt = team.at[team.at.length - 1] ?? started;
    const ending = report.ending ? { id: report.ending.id, outcome: report.ending.outcome } : undefined;
    const judged = (verb: 'completed' | 'passed' | 'failed', ctx: StatementContext, key: string) =>
      fix(
        lifecycleStatement(ctx, verb, lastAt, {
          durationMs: lastAt - started,
          ...(report.score !== null ? { score: report.score } : {}),
          ...(ending ? { ending } : {}),
        }),
        key,
      );
    if (input.actors === 'team') {
      const players = record.players.filter((p) => p.team === team.id);
      const ctx: StatementContext = {
        actor: {
          objectType: 'Group',
          name: team.name,
          account: account(homePage, `session-${sid}-team-${team.id}`),
          member: players.map(member),
        },
        activityId,
        activity,
        registration: stableUuid(`${sid}|registration|${team.id}`),
        context: { platform: 'Close Call group session', language: 'en-GB' },
        contextExtensions: sessionContext(team),
      };
      out.push(fix(lifecycleStatement(ctx, 'initialized', started, {}), `${team.id}|initialized`));
      for (const x of interactions) {
        const at = team.at[x.index] ?? lastAt;
        const before = x.index > 0 ? (team.at[x.index - 1] ?? started) : started;
        out.push(fix(interactionStatement(ctx, x, at - before, at), `${team.id}|answered|${x.index}`));
      }
      if (ended) out.push(judged('completed', ctx, `${team.id}|completed`));
      continue;
    }
    const byIndex = new Map(interactions.map((x) => [x.index, x]));
    for (const p of record.players.filter((q) => q.team === team.id)) {
      const ctx: StatementContext = {
        actor: member(p),
        activityId,
        activity,
        registration: stableUuid(`${sid}|registration|${team.id}|${p.id}`),
        context: { platform: 'Close Call group session', language: 'en-GB' },
        contextExtensions: sessionContext(team),
      };
      const votes = record.votes.filter((v) => v.player === p.id).sort((a, b) => a.at - b.at);
      votes.forEach((v, i) => {
        const x = byIndex.get(v.step);
        const id = `${ctx.activityId}/${x?.kind === 'close' || v.ballot.type === 'close' ? 'close' : x?.kind === 'choose' ? `node/${x.at}` : (x?.at ?? `step/${v.step}`)}`;
        const success = v.acted && x?.judged && x.judged !== 'neutral' ? x.judged === 'correct' : undefined;
        out.push(
          fix(
            {
              id: '',
              timestamp: new Date(v.at).toISOString(),
              actor: ctx.actor,
              verb: VERBS.answered,
              object: {
                objectType: 'Activity',
                id,
                definition: {
                  type: ACTIVITY_TYPES.interaction,
                  name: {
                    'en-US':
                      x?.kind === 'close' || v.ballot.type === 'close'
                        ? 'The close'
                        : (v.node ?? 'a decision'),
                  },
                  ...(x ? { description: { 'en-US': x.description } } : {}),
                  interactionType: v.ballot.type === 'close' ? 'other' : 'choice',
                },
              },
              result: {
                response: ballotResponse(v.ballot),
                ...(success === undefined ? {} : { success }),
                extensions: { [EXTENSIONS.acted]: v.acted },
              },
              context: {
                registration: ctx.registration,
                platform: 'Close Call group session',
                contextActivities: { parent: [{ objectType: 'Activity', id: activityId }] },
                extensions: sessionContext(team),
              },
            },
            `${team.id}|${p.id}|vote|${i}`,
          ),
        );
      });
      if (ended && votes.length) out.push(judged('completed', ctx, `${team.id}|${p.id}|completed`));
    }
  }
  return out;
}
