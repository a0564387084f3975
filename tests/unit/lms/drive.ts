/** Plays a real scenario through the engine with a simple policy, for the LMS reporters' tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Action, type Playthrough, type Scenario, validateScenario } from '../../../src/engine';

export function loadScenario(file: string): Scenario {
  const path = join(import.meta.dirname, '../../../scenarios', file);
  const result = validateScenario(readFileSync(path, 'utf8'), path, { assetExists: () => true });
  if (!result.ok) throw new Error(`${file} does not validate`);
  return result.scenario;
}

export type Policy = 'good' | 'poor';

/** The next action a player of the given policy takes, or null once the play has ended. */
export function nextAction(play: Playthrough, policy: Policy): Action | null {
  const v = play.view();
  if (v.phase === 'ended') return null;
  if (v.phase === 'follow-up') {
    const f = v.followUp!;
    return policy === 'good' ? { type: 'let-go' } : { type: 'persist', act: f.acts[f.acts.length - 1]!.id };
  }
  if (v.phase === 'negotiation') {
    const n = v.negotiation!;
    return { type: 'negotiate', move: (n.moves.find((m) => m.kind === 'accept') ?? n.moves[0]!).id };
  }
  if (v.close && (policy === 'poor' || v.choices.length === 0 || v.node?.moment === 'closing')) {
    const c = v.close;
    const form =
      policy === 'good'
        ? (c.forms.find((f) => f.form === lessonForm(play)) ?? c.forms[0]!)
        : c.forms[c.forms.length - 1]!;
    return {
      type: 'close',
      close: {
        form: form.form,
        delivery: policy === 'good' ? 'firm' : 'desperate',
        points: policy === 'good' ? c.points.slice(0, 2).map((p) => p.id) : [],
        leverage: null,
        commit: false,
      },
    };
  }
  if (v.choices.length) {
    const node = play.scenario.nodes.find((n) => n.id === v.node?.id);
    const quality = (id: string) => node?.choices.find((c) => c.id === id)?.quality;
    const want = policy === 'good' ? 'strong' : 'weak';
    const pick = v.choices.find((c) => quality(c.id) === want) ?? v.choices[0]!;
    return { type: 'choose', choice: pick.id };
  }
  return { type: 'continue' };
}

/** Plays `play` for at most `max` actions (all the way when not given). */
export function drive(
  play: Playthrough,
  policy: Policy,
  max = 500,
  each?: (p: Playthrough) => void,
): Playthrough {
  for (let i = 0; i < max; i++) {
    const a = nextAction(play, policy);
    if (!a) break;
    play.act(a);
    each?.(play);
  }
  return play;
}

function lessonForm(play: Playthrough): string | undefined {
  const lesson = play.scenario.meta.lesson;
  return typeof lesson === 'string' ? undefined : lesson.form;
}
