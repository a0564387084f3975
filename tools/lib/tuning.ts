/**
 * Tuning a lesson: what every close would do at a node (`analyze --at NODE`), whether the best
 * path agrees with the lesson's intended close (`meta.lesson`), and warnings for numbers that
 * make a lesson hollow. Text for `npm run analyze`.
 */

import type { Analysis, State } from '../../src/engine';
import {
  bestWithoutClosing,
  type CloseRow,
  closesAt,
  exploreNodes,
  lessonOf,
  Playthrough,
  type Scenario,
  stateAt,
} from '../../src/engine';

const pct = (x: number) => `${(x * 100).toFixed(0).padStart(3)}%`;

const pointsText = (r: CloseRow) => (r.spec.points.length ? r.spec.points.join('+') : 'no points');
const leverageText = (r: CloseRow) => (r.spec.leverage ? `citing ${r.spec.leverage}` : 'no leverage');

function describeClose(r: CloseRow, widths: { points: number; leverage: number }): string {
  const s = r.spec;
  return [
    s.delivery.padEnd(10),
    pointsText(r).padEnd(widths.points),
    leverageText(r).padEnd(widths.leverage),
    s.commit ? 'commits' : '',
  ]
    .join(' ')
    .trimEnd();
}

/** The report for `--at NODE`: the most likely path there, the hidden state, and every close grouped by form. */
export function atNode(scenario: Scenario, nodeId: string, all: boolean): { text: string; ok: boolean } {
  const out: string[] = [];
  if (!scenario.nodes.some((n) => n.id === nodeId)) {
    const ids = scenario.nodes.map((n) => n.id);
    return {
      ok: false,
      text: `There is no node "${nodeId}". Nodes: ${ids.slice(0, 40).join(', ')}${ids.length > 40 ? ', …' : ''}`,
    };
  }
  const report = exploreNodes(scenario);
  const path = report.likely.get(nodeId);
  if (!path) {
    return {
      ok: false,
      text: `Node "${nodeId}" is reached by no path of play${report.partial ? ' that the search found within its budget' : ''}.`,
    };
  }
  out.push(
    `At node "${nodeId}" on its most likely path (${(path.p * 100).toPrecision(3)}% of random play takes exactly this path; random play reaches the node ${(
      (report.reach.get(nodeId) ?? 0) * 100
    ).toFixed(1)}% of the time):`,
  );
  if (path.labels.length === 0) out.push('  (the start node)');
  for (const l of path.labels) out.push(`  - ${l}`);
  const { hidden, vars } = stateAt(scenario, path.state);
  out.push(
    `Hidden state of the lead decision-maker there: ${Object.entries(hidden)
      .map(([k, v]) => `${k} ${v.toFixed(2)}`)
      .join(', ')}`,
  );
  const varText = Object.entries(vars)
    .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
    .join(', ');
  out.push(`Variables: ${varText || 'none set'}`);
  const rows = closesAt(scenario, path.state);
  if (rows.length === 0) {
    out.push('No close is on offer at this node (closeAllowed or the closing moment decide where one is).');
    return { ok: true, text: out.join('\n') };
  }
  const without = bestWithoutClosing(scenario, path.state);
  out.push(
    `${rows.length} closes on offer. Chance = of the result asked for, as the game shows it; expected = total score over the model's outcomes, playing the rest well.`,
  );
  if (without !== null)
    out.push(`Not closing here (best play on, never asking): expected ${without.toFixed(1)}`);
  const forms = [...new Set(rows.map((r) => r.spec.form))];
  forms.sort(
    (a, b) =>
      Math.max(...rows.filter((r) => r.spec.form === b).map((r) => r.expected)) -
      Math.max(...rows.filter((r) => r.spec.form === a).map((r) => r.expected)),
  );
  const limit = all ? Infinity : 6;
  const widths = {
    points: Math.max(...rows.map((r) => pointsText(r).length)),
    leverage: Math.max(...rows.map((r) => leverageText(r).length)),
  };
  for (const form of forms) {
    const group = rows.filter((r) => r.spec.form === form);
    const chances = group.map((r) => r.chance);
    out.push(
      `  ${form} (${group.length} compositions; chance ${pct(Math.min(...chances)).trim()}–${pct(Math.max(...chances)).trim()} of ${group[0]!.chanceOf})`,
    );
    out.push(
      `    ${'chance'.padStart(6)} ${'expected'.padStart(8)}  ${'delivery'.padEnd(10)} ${'points'.padEnd(widths.points)} leverage`,
    );
    for (const r of group.slice(0, limit)) {
      out.push(
        `    ${pct(r.chance).padStart(6)} ${r.expected.toFixed(1).padStart(8)}  ${describeClose(r, widths)}${r.gated ? ' (gated: authority)' : ''}`,
      );
    }
    if (group.length > limit) out.push(`    … ${group.length - limit} more (add --all to list every one)`);
  }
  return { ok: true, text: out.join('\n') };
}

/** Replays the analysis's best path, returning the states before each step. */
function bestPathStates(scenario: Scenario, analysis: Analysis): { states: State[]; play: Playthrough } {
  const play = Playthrough.start(scenario, { mode: 'expected' });
  const states: State[] = [play.current as State];
  for (const s of analysis.bestPath.steps) {
    try {
      play.act(s.action);
    } catch {
      break;
    }
    states.push(play.current as State);
  }
  return { states, play };
}

/** The lesson check and the tuning warnings for one scenario. */
export function lessonReport(scenario: Scenario, analysis: Analysis): string[] {
  const out: string[] = [];
  const lesson = lessonOf(scenario.meta);
  const { states } = bestPathStates(scenario, analysis);
  const steps = analysis.bestPath.steps;
  const closeAt = steps.findIndex((s) => s.action.type === 'close');
  const nodeOf = (i: number) => scenario.nodes.find((n) => n.id === states[i]?.node);
  const bestForm = closeAt >= 0 ? (steps[closeAt]!.action as { close: { form: string } }).close.form : null;
  const bestMoment = closeAt >= 0 ? (nodeOf(closeAt)?.moment ?? 'middle') : 'after';
  if (lesson.form || lesson.moment) {
    const wantForm = lesson.form ?? bestForm;
    const wantMoment = lesson.moment ?? bestMoment;
    const agrees =
      (lesson.moment === 'after' ? bestForm === null : wantForm === bestForm) && wantMoment === bestMoment;
    const said = `${bestForm ?? 'no close'} at the ${bestMoment} moment${closeAt >= 0 ? ` (node "${states[closeAt]!.node}")` : ''}`;
    out.push(
      agrees
        ? `  lesson: the best path agrees with meta.lesson (${said}).`
        : `  lesson: WARNING the best path closes with ${said}, but meta.lesson intends ${lesson.form ?? 'any form'} at the ${lesson.moment ?? 'any'} moment.`,
    );
  } else {
    out.push(
      `  lesson: no intended close declared (meta.lesson { "text", "form", "moment" }); the best path closes with ${bestForm ?? 'no close'} at the ${bestMoment} moment.`,
    );
  }
  const warnings: string[] = [];
  // Keenness reaching 1 on the best path.
  const lead = scenario.decisionMakers.findIndex((d) => d.id === scenario.closing.decisionMaker);
  const pinned = states.findIndex((s) => (s.hidden[Math.max(0, lead)]?.keenness ?? 0) >= 0.999);
  if (pinned >= 0) {
    warnings.push(
      `keenness reaches 1 on the best path (after "${steps[pinned - 1]?.label ?? 'the start'}"): later effects on it are lost. Lower the "keenness" effects or the starting value.`,
    );
  }
  // Shown chances at 0% or 100% without a gate, at the best path's close.
  if (closeAt >= 0) {
    const rows = closesAt(scenario, states[closeAt]!);
    const extreme = rows.filter((r) => !r.gated && (r.chance < 0.005 || r.chance > 0.995));
    if (extreme.length > 0) {
      const e = extreme[0]!;
      warnings.push(
        `${extreme.length} of ${rows.length} closes at node "${states[closeAt]!.node}" show a chance of ${pct(e.chance).trim()} with no gate (e.g. ${e.spec.form}, ${e.spec.delivery}): the player learns nothing from the choice. Bring the hidden state or the situation away from the extremes.`,
      );
    }
    // Asking barely matters.
    const without = bestWithoutClosing(scenario, states[closeAt]!);
    const best = rows[0]?.expected ?? analysis.bestPath.score;
    if (without !== null && best - without < 3) {
      warnings.push(
        `asking barely matters: never asking scores ${without.toFixed(1)} against ${best.toFixed(1)} for the best close at node "${states[closeAt]!.node}". Make the decision after the interview less generous, or the close more decisive.`,
      );
    }
  }
  for (const w of warnings) out.push(`  tuning warning: ${w}`);
  if (warnings.length === 0) out.push('  tuning warnings: none');
  return out;
}
