/**
 * Helpers shared by the ordering tests (`tests/unit/engine/orderings.test.ts`, on fixtures and
 * grids, and `orderings.property.test.ts`, over generated premises): a close built on the
 * fixture's parts, played at a moment of the interview, and the numbers read off a response.
 */
import { type CloseSpec, OUTCOME_VALUE, Playthrough, type Response, type Scenario } from '../../src/engine';

export type Moment = 'opening' | 'middle' | 'closing';

/** The fixture's prepared close (a firm statement of intent with both points), changed by `s`. */
export const spec = (s: Partial<CloseSpec> = {}): CloseSpec => ({
  form: 'statement-of-intent',
  delivery: 'firm',
  points: ['why', 'reason'],
  leverage: null,
  commit: false,
  ...s,
});

/** A playthrough of the fixture brought to the node of `moment`. */
export function playTo(sc: Scenario, moment: Moment, mode: 'expected' | 'realistic' = 'expected') {
  const play = Playthrough.start(sc, { mode });
  const order = ['opening', 'middle', 'closing'];
  for (let i = 0; i < order.indexOf(moment); i++) play.act({ type: 'choose', choice: i === 0 ? 'a' : 'b' });
  return play;
}

/** The decision-maker's response to a close at `moment`. */
export function close(sc: Scenario, s: Partial<CloseSpec> = {}, moment: Moment = 'closing'): Response {
  const play = playTo(sc, moment);
  play.act({ type: 'close', close: spec(s) });
  return play.view().response!;
}

/** The decision they make alone when the interview ends without a close. */
export function noClose(sc: Scenario): Response {
  const play = playTo(sc, 'closing');
  play.act({ type: 'continue' });
  return play.responses()[0]!;
}

/** The probability of one outcome in a response. */
export const p = (r: Response, k: string) => r.distribution[k as keyof Response['distribution']] ?? 0;
/** The chance of a step forward: an offer (now or later) or the next stage. */
export const forward = (r: Response) => p(r, 'offer-now') + p(r, 'next-stage') + p(r, 'offer-later');
/** The expected outcome value of a response. */
export const value = (r: Response) =>
  Object.entries(r.distribution).reduce(
    (a, [k, q]) => a + (q ?? 0) * (OUTCOME_VALUE[k as keyof typeof OUTCOME_VALUE] ?? 0),
    0,
  );

/** Responses to up to n successive turn-up visits after a no, while the answer stays "holding". */
export function persistChain(sc: Scenario, n: number): Response[] {
  const out: Response[] = [];
  const play = playTo(sc, 'closing');
  play.act({ type: 'close', close: spec({ form: 'tentative', delivery: 'tentative', points: [] }) });
  for (let i = 0; i < n && play.view().phase === 'follow-up'; i++) {
    play.act({ type: 'persist', act: 'visit' });
    out.push(play.view().response!);
  }
  return out;
}
