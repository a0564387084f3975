/**
 * Graph and reference checks beyond the schema: missing targets, duplicate ids, unreachable
 * nodes, dead ends, missing assets and style warnings. Pure TypeScript.
 */

import { ENGINE_VAR_NAMES, ENGINE_VARS, engineVar } from './engine-vars';
import { momentIssues } from './moments';
import {
  createLocator,
  didYouMean,
  displayable,
  formatPath,
  type JsonPath,
  type Locator,
  type ParseResult,
  type Problem,
  parseScenarioText,
  sortProblems,
} from './parse';
import { refersIssues } from './refers';
import type { Condition, Line, Scenario } from './schema';

export const MAX_LINE_CHARS = 240;
/** Problems that get a "did you mean": past this many, a file is broken wholesale and hints cost time. */
export const MAX_SUGGESTIONS = 200;
/** Edit-distance cells all the suggestions of one file may compute (a few tens of milliseconds). */
const SUGGESTION_CELLS = 4_000_000;

export interface CheckOptions {
  /** Maps paths to positions; without it every problem is placed at line 1, column 1. */
  locator?: Locator;
  /** Called with a path relative to the project root (e.g. `assets/backdrops/cafe.svg`). */
  assetExists?: (relPath: string) => boolean;
  /** Lists a folder relative to the project root (e.g. `assets/backdrops`), so errors can name what exists. */
  assetList?: (relDir: string) => string[];
}

const SPEAKERS_NOT_DM = new Set(['candidate', 'narrator']);

/** Runs every check on a scenario that passed the schema. */
export function checkScenario(scenario: Scenario, file: string, options: CheckOptions = {}): Problem[] {
  const locator = options.locator ?? createLocator('');
  const problems: Problem[] = [];
  let suggestionsLeft = MAX_SUGGESTIONS;
  const work = { cells: SUGGESTION_CELLS };
  const suggest = (word: string, candidates: readonly string[]) =>
    suggestionsLeft-- > 0 && work.cells > 0 ? didYouMean(word, candidates, work) : undefined;
  const add = (
    severity: Problem['severity'],
    code: string,
    path: JsonPath,
    message: string,
    fix: string,
    atKey = false,
  ) => {
    problems.push({
      file,
      ...(atKey ? locator.key(path) : locator.value(path)),
      path: formatPath(path),
      severity,
      code,
      message,
      fix,
    });
  };
  /** ": a, b, c" naming what exists in a folder (with a "did you mean"), or "" when it cannot be listed. */
  const existing = (dir: string, wanted: string, ext: string): string => {
    const names = (options.assetList?.(dir) ?? [])
      .filter((n) => n.endsWith(ext))
      .map((n) => (ext ? n.slice(0, -ext.length) : n))
      .sort();
    if (names.length === 0) return '';
    const near = suggest(wanted, names);
    return `${near ? ` (did you mean "${near}"?)` : ''}; those that exist: ${quote(names)}`;
  };
  const error = (code: string, path: JsonPath, message: string, fix: string) =>
    add('error', code, path, message, fix);
  const warn = (code: string, path: JsonPath, message: string, fix: string) =>
    add('warning', code, path, message, fix);

  const duplicates = (what: string, items: { id: string; path: JsonPath }[]) => {
    const seen = new Map<string, JsonPath>();
    for (const item of items) {
      const first = seen.get(item.id);
      if (first) {
        error(
          'duplicate-id',
          item.path,
          `${what} id "${item.id}" is used twice (first at ${formatPath(first)})`,
          `Give this ${what} a different id; ids must be unique.`,
        );
      } else seen.set(item.id, item.path);
    }
  };

  // --- Decision-makers --------------------------------------------------------------------
  const dms = new Map(scenario.decisionMakers.map((dm) => [dm.id, dm]));
  const dmIds = [...dms.keys()];
  duplicates(
    'decision-maker',
    scenario.decisionMakers.map((dm, i) => ({ id: dm.id, path: ['decisionMakers', i, 'id'] })),
  );
  const checkDm = (id: string | undefined, path: JsonPath) => {
    if (id === undefined || dms.has(id)) return;
    const near = suggest(id, dmIds);
    error(
      'missing-decision-maker',
      path,
      `there is no decision-maker "${id}"${near ? ` — did you mean "${near}"?` : ''}`,
      `Use one of the ids in decisionMakers: ${quote(dmIds)}.`,
    );
  };
  checkDm(scenario.closing.decisionMaker, ['closing', 'decisionMaker']);
  scenario.decisionMakers.forEach((dm, i) => {
    if (dm.salary.min > dm.salary.max) {
      error(
        'salary-range',
        ['decisionMakers', i, 'salary', 'min'],
        `salary min ${dm.salary.min} is above max ${dm.salary.max}`,
        'Swap them, or correct one: min must not exceed max.',
      );
    }
    const plainAssets = isPlainName(dm.portrait.id) && isPlainName(dm.voice.babble);
    if (options.assetExists && plainAssets && dm.portrait.describe) {
      if (options.assetExists(`assets/portraits/${dm.portrait.id}/neutral.svg`)) {
        warn(
          'portrait-id-taken',
          ['decisionMakers', i, 'portrait', 'id'],
          `the described portrait "${dm.portrait.id}" has the name of a drawn portrait in assets/portraits/`,
          'Give the described face a name of its own, so the two are never mixed up.',
        );
      }
    } else if (options.assetExists && plainAssets) {
      const missing = [...new Set(dm.portrait.expressions)].filter(
        (expr) => !options.assetExists?.(`assets/portraits/${dm.portrait.id}/${expr}.svg`),
      );
      if (missing.length > 0 && missing.length === new Set(dm.portrait.expressions).size) {
        error(
          'missing-asset',
          ['decisionMakers', i, 'portrait', 'id'],
          `the portrait "${dm.portrait.id}" has none of its drawings in assets/portraits/${dm.portrait.id}/`,
          `Check the portrait id${existing('assets/portraits', dm.portrait.id, '')}, or draw assets/portraits/${dm.portrait.id}/<expression>.svg for ${quote(dm.portrait.expressions)}.`,
        );
      } else {
        for (const expr of missing) {
          const rel = `assets/portraits/${dm.portrait.id}/${expr}.svg`;
          error(
            'missing-asset',
            ['decisionMakers', i, 'portrait', 'expressions', dm.portrait.expressions.indexOf(expr)],
            `the portrait file ${rel} does not exist`,
            `Draw ${rel}, or remove "${expr}" from the expressions list.`,
          );
        }
      }
    }
    if (options.assetExists) {
      const sound = `assets/sounds/${dm.voice.babble}.ogg`;
      if (!options.assetExists(sound)) {
        error(
          'missing-asset',
          ['decisionMakers', i, 'voice', 'babble'],
          `the voice sound ${sound} does not exist`,
          'Use a voice sound id from assets/sounds/ (e.g. voice-low, voice-mid, voice-high).',
        );
      }
    }
  });
  const plainName = (name: string | undefined, what: string, path: JsonPath): boolean => {
    if (name === undefined || isPlainName(name)) return true;
    error(
      'asset-name',
      path,
      `the ${what} "${name}" is not a plain name: asset names are lower-case letters, digits and hyphens${
        name === 'constructor' ? ', and not a built-in name' : ''
      }`,
      `Rename it to a plain name such as "${suggestPlain(name)}", and name the asset file the same.`,
    );
    return false;
  };
  scenario.decisionMakers.forEach((dm, i) => {
    plainName(dm.portrait.id, 'portrait id', ['decisionMakers', i, 'portrait', 'id']);
    plainName(dm.voice.babble, 'voice sound', ['decisionMakers', i, 'voice', 'babble']);
  });
  const backdrop = (id: string | undefined, path: JsonPath) => {
    if (!plainName(id, 'backdrop id', path)) return;
    if (id === undefined || !options.assetExists) return;
    const rel = `assets/backdrops/${id}.svg`;
    if (!options.assetExists(rel)) {
      error(
        'missing-asset',
        path,
        `the backdrop file ${rel} does not exist`,
        `Use a backdrop id from assets/backdrops/${existing('assets/backdrops', id, '.svg')}.`,
      );
    }
  };
  backdrop(scenario.meta.backdrop, ['meta', 'backdrop']);

  // --- Lines, everywhere -----------------------------------------------------------------
  const allLines: { line: Line; path: JsonPath }[] = [];
  const collect = (lines: Line[] | undefined, path: JsonPath) => {
    lines?.forEach((line, i) => {
      allLines.push({ line, path: [...path, i] });
    });
  };
  for (const [n, node] of scenario.nodes.entries()) collect(node.lines, ['nodes', n, 'lines']);
  for (const [key, lines] of Object.entries(scenario.closing.responses))
    collect(lines, ['closing', 'responses', key]);
  for (const [key, lines] of Object.entries(scenario.closing.afterInterview)) {
    collect(lines, ['closing', 'afterInterview', key]);
  }
  if (scenario.followUp) {
    for (const [key, lines] of Object.entries(scenario.followUp.replies))
      collect(lines, ['followUp', 'replies', key]);
  }
  if (scenario.negotiation) {
    for (const [key, lines] of Object.entries(scenario.negotiation.replies)) {
      collect(lines, ['negotiation', 'replies', key]);
    }
  }
  duplicates(
    'line',
    allLines.map(({ line, path }) => ({ id: line.id, path: [...path, 'id'] })),
  );
  for (const { line, path } of allLines) {
    const dm = dms.get(line.speaker);
    if (!dm && !SPEAKERS_NOT_DM.has(line.speaker)) {
      const near = suggest(line.speaker, [...dmIds, 'candidate', 'narrator']);
      error(
        'missing-decision-maker',
        [...path, 'speaker'],
        `the speaker "${line.speaker}" is not a decision-maker, "candidate" or "narrator"${
          near ? ` — did you mean "${near}"?` : ''
        }`,
        `Use "candidate", "narrator" or a decision-maker id: ${quote(dmIds)}.`,
      );
    }
    if (line.expression !== undefined) {
      if (dm && !dm.portrait.expressions.includes(line.expression)) {
        error(
          'missing-expression',
          [...path, 'expression'],
          `"${line.expression}" is not among the expressions of ${dm.id}'s portrait (${quote(dm.portrait.expressions)})`,
          `Use one of ${quote(dm.portrait.expressions)}, or add "${line.expression}" to ${dm.id}'s portrait.expressions and draw it.`,
        );
      } else if (!dm && SPEAKERS_NOT_DM.has(line.speaker)) {
        warn(
          'expression-ignored',
          [...path, 'expression'],
          `"${line.speaker}" has no portrait, so the expression is ignored`,
          'Remove "expression" from this line.',
        );
      }
    }
    const length = [...line.text].length;
    if (length > MAX_LINE_CHARS) {
      warn(
        'line-too-long',
        [...path, 'text'],
        `this line is ${length} characters: too long for the dialogue box (at most ${MAX_LINE_CHARS})`,
        'Shorten it, or split it into two lines.',
      );
    }
  }

  // --- Nodes and choices -----------------------------------------------------------------
  const nodeIndex = new Map<string, number>();
  scenario.nodes.forEach((node, i) => {
    if (!nodeIndex.has(node.id)) nodeIndex.set(node.id, i);
  });
  const nodeIds = [...nodeIndex.keys()];
  duplicates(
    'node',
    scenario.nodes.map((node, i) => ({ id: node.id, path: ['nodes', i, 'id'] })),
  );
  const endingIds = scenario.endings.map((e) => e.id);
  const endingSet = new Set(endingIds);
  duplicates(
    'ending',
    scenario.endings.map((e, i) => ({ id: e.id, path: ['endings', i, 'id'] })),
  );

  const checkNode = (id: string, path: JsonPath) => {
    if (nodeIndex.has(id)) return true;
    const near = suggest(id, nodeIds);
    error(
      'missing-node',
      path,
      `there is no node "${id}"${near ? ` — did you mean "${near}"?` : ''}`,
      near
        ? `Change it to "${near}", or add a node with id "${id}".`
        : `Add a node with id "${id}", or point to an existing node.`,
    );
    return false;
  };
  const checkEnding = (id: string, path: JsonPath) => {
    if (endingSet.has(id)) return;
    const near = suggest(id, endingIds);
    error(
      'missing-ending',
      path,
      `there is no ending "${id}"${near ? ` — did you mean "${near}"?` : ''}`,
      `Use one of the ending ids: ${quote(endingIds)}, or add an ending "${id}".`,
    );
  };

  const checkEngineValue = (cond: Extract<Condition, { var: string }>, path: JsonPath) => {
    const spec = engineVar(cond.var);
    if (!spec || cond.equals === undefined) return;
    const wrongType = typeof cond.equals !== spec.type;
    const wrongValue = spec.values !== undefined && !spec.values.includes(String(cond.equals));
    if (!wrongType && !wrongValue) return;
    const near =
      typeof cond.equals === 'string' && spec.values ? suggest(cond.equals, [...spec.values]) : undefined;
    warn(
      'engine-variable-value',
      [...path, 'equals'],
      `the engine variable "${cond.var}" is a ${spec.type}${
        spec.values ? ` (one of ${quote(spec.values)})` : ''
      }, so it never equals ${JSON.stringify(cond.equals)}${near ? ` — did you mean "${near}"?` : ''}`,
      spec.values
        ? `Compare it with one of ${quote(spec.values)}.`
        : `Compare it with a ${spec.type}${spec.type === 'number' ? ', or use atLeast / atMost' : ''}.`,
    );
  };

  checkNode(scenario.start, ['start']);
  const directEndings = new Set<string>();
  const setVars = new Set<string>();
  const readVars: { name: string; path: JsonPath }[] = [];
  const walkCondition = (cond: Condition, path: JsonPath) => {
    if ('var' in cond) {
      readVars.push({ name: cond.var, path: [...path, 'var'] });
      checkEngineValue(cond, path);
    } else if ('state' in cond) checkDm(cond.dm, [...path, 'dm']);
    else if ('all' in cond) {
      for (const [i, c] of cond.all.entries()) walkCondition(c, [...path, 'all', i]);
    } else if ('any' in cond) {
      for (const [i, c] of cond.any.entries()) walkCondition(c, [...path, 'any', i]);
    } else if ('not' in cond) walkCondition(cond.not, [...path, 'not']);
  };

  scenario.nodes.forEach((node, n) => {
    const np: JsonPath = ['nodes', n];
    backdrop(node.backdrop, [...np, 'backdrop']);
    if (node.next !== undefined) checkNode(node.next, [...np, 'next']);
    if (node.ending !== undefined) {
      checkEnding(node.ending, [...np, 'ending']);
      directEndings.add(node.ending);
    }
    const exits = [
      node.choices.length > 0 ? 'choices' : '',
      node.next !== undefined ? 'next' : '',
      node.endsInterview ? 'endsInterview' : '',
      node.ending !== undefined ? 'ending' : '',
    ].filter(Boolean);
    if (exits.length === 0) {
      error(
        'dead-end',
        np,
        `node "${node.id}" leads nowhere: it has no choices, no next, no ending and does not end the interview`,
        'Add choices, a "next" node, an "ending", or "endsInterview": true.',
      );
    } else if (exits.includes('choices') && exits.includes('next')) {
      error(
        'choices-and-next',
        [...np, 'next'],
        `node "${node.id}" has both choices and next; only one can apply`,
        'Remove "next" (the choices decide where to go) or remove the choices.',
      );
    } else if (exits.length > 1) {
      error(
        'node-exits',
        np,
        `node "${node.id}" has more than one way out (${exits.join(', ')}); give exactly one`,
        `Keep one of ${exits.join(', ')} and remove the others.`,
      );
    }
    duplicates(
      'choice',
      node.choices.map((c, i) => ({ id: c.id, path: [...np, 'choices', i, 'id'] })),
    );
    node.choices.forEach((choice, c) => {
      const cp: JsonPath = [...np, 'choices', c];
      if (choice.next !== undefined) checkNode(choice.next, [...cp, 'next']);
      if (choice.ending !== undefined) {
        checkEnding(choice.ending, [...cp, 'ending']);
        directEndings.add(choice.ending);
      }
      const targets = [
        choice.next !== undefined ? 'next' : '',
        choice.ending !== undefined ? 'ending' : '',
        choice.endsInterview ? 'endsInterview' : '',
      ].filter(Boolean);
      if (targets.length !== 1) {
        error(
          'choice-target',
          cp,
          targets.length === 0
            ? `choice "${choice.id}" goes nowhere`
            : `choice "${choice.id}" has ${targets.join(' and ')}; give exactly one`,
          'Give exactly one of "next", "ending" or "endsInterview": true.',
        );
      }
      if (choice.condition) walkCondition(choice.condition, [...cp, 'condition']);
      if (choice.effects) {
        checkDm(choice.effects.dm, [...cp, 'effects', 'dm']);
        for (const how of ['set', 'add'] as const) {
          for (const k of Object.keys(choice.effects[how] ?? {})) {
            if (ENGINE_VAR_NAMES.has(k)) {
              add(
                'error',
                'read-only-variable',
                [...cp, 'effects', how, k],
                `"${k}" is set by the engine from its record of the close and the follow-up; a choice cannot ${how === 'set' ? 'set' : 'add to'} it`,
                `Remove "${k}" from effects.${how}, or use a variable of your own with another name (conditions may read "${k}" as it is).`,
                true,
              );
            } else setVars.add(k);
          }
        }
      }
    });
  });

  // --- Reachability ------------------------------------------------------------------------
  const startIndex = nodeIndex.get(scenario.start);
  const reached = new Uint8Array(scenario.nodes.length);
  if (startIndex !== undefined) {
    const stack = [startIndex];
    reached[startIndex] = 1;
    while (stack.length > 0) {
      const node = scenario.nodes[stack.pop()!]!;
      const targets = node.choices.map((c) => c.next);
      targets.push(node.next);
      for (const t of targets) {
        if (t === undefined) continue;
        const i = nodeIndex.get(t);
        if (i !== undefined && !reached[i]) {
          reached[i] = 1;
          stack.push(i);
        }
      }
    }
    scenario.nodes.forEach((node, i) => {
      if (!reached[i] && nodeIndex.get(node.id) === i) {
        warn(
          'unreachable-node',
          ['nodes', i, 'id'],
          `node "${node.id}" cannot be reached from the start node "${scenario.start}"`,
          `Point a choice or "next" at "${node.id}", or remove the node.`,
        );
      }
    });
  }

  // --- Closing, follow-up, negotiation -------------------------------------------------------
  const closing = scenario.closing;
  duplicates(
    'close form',
    closing.forms.map((f, i) => ({ id: f.form, path: ['closing', 'forms', i, 'form'] })),
  );
  duplicates(
    'delivery',
    closing.deliveries.map((d, i) => ({ id: d.delivery, path: ['closing', 'deliveries', i, 'delivery'] })),
  );
  duplicates(
    'point',
    closing.points.map((p, i) => ({ id: p.id, path: ['closing', 'points', i, 'id'] })),
  );
  closing.points.forEach((p, i) => {
    if (p.requires) walkCondition(p.requires, ['closing', 'points', i, 'requires']);
  });
  duplicates(
    'option',
    scenario.candidate.otherOptions.map((o, i) => ({
      id: o.id,
      path: ['candidate', 'otherOptions', i, 'id'],
    })),
  );
  if (scenario.followUp) {
    duplicates(
      'act',
      scenario.followUp.acts.map((a, i) => ({ id: a.id, path: ['followUp', 'acts', i, 'id'] })),
    );
  }
  const negotiation = scenario.negotiation;
  if (negotiation) {
    duplicates(
      'move',
      negotiation.moves.map((m, i) => ({ id: m.id, path: ['negotiation', 'moves', i, 'id'] })),
    );
    if (!negotiation.moves.some((m) => m.kind === 'accept')) {
      error(
        'no-accept-move',
        ['negotiation', 'moves'],
        'the negotiation has no "accept" move, so the player could never take the offer',
        'Add a move with "kind": "accept".',
      );
    }
  }
  scenario.endings.forEach((ending, i) => {
    if (ending.condition) walkCondition(ending.condition, ['endings', i, 'condition']);
  });

  // --- Choices gated on a variable only they set ---------------------------------------------
  const setters = new Map<string, number>();
  for (const node of scenario.nodes) {
    for (const choice of node.choices) {
      const names = new Set([
        ...Object.keys(choice.effects?.set ?? {}),
        ...Object.keys(choice.effects?.add ?? {}),
      ]);
      for (const k of names) setters.set(k, (setters.get(k) ?? 0) + 1);
    }
  }
  scenario.nodes.forEach((node, n) => {
    node.choices.forEach((choice, c) => {
      if (!choice.condition || !choice.effects) return;
      const own = { ...choice.effects.set, ...choice.effects.add };
      for (const name of requiredVars(choice.condition)) {
        if (Object.hasOwn(own, name) && setters.get(name) === 1) {
          warn(
            'self-gated-choice',
            ['nodes', n, 'choices', c, 'condition'],
            `choice "${choice.id}" is offered only once "${name}" is set, but only this choice sets it, so it can never be offered`,
            `Set "${name}" in an earlier choice's effects, or change the condition.`,
          );
        }
      }
    });
  });

  // --- Loops with no way out -----------------------------------------------------------------
  // Ignoring conditions, every reachable node must have a path to a way out of the interview:
  // an ending, the end of the interview, or a place to close. A node whose choices all have
  // conditions can also end the interview when none holds.
  if (startIndex !== undefined) {
    const into: number[][] = scenario.nodes.map(() => []);
    const exits = new Uint8Array(scenario.nodes.length);
    scenario.nodes.forEach((node, i) => {
      const closes =
        node.ending === undefined &&
        (node.closeAllowed ?? (closing.allowed === 'anywhere' || node.moment === 'closing'));
      const allGated = node.choices.length > 0 && node.choices.every((ch) => ch.condition);
      if (
        closes ||
        allGated ||
        node.ending !== undefined ||
        node.endsInterview ||
        (node.choices.length === 0 && node.next === undefined) ||
        node.choices.some((ch) => ch.ending !== undefined || ch.endsInterview)
      ) {
        exits[i] = 1;
      }
      const targets = node.choices.length ? node.choices.map((ch) => ch.next) : [node.next];
      for (const t of targets) {
        const j = t === undefined ? undefined : nodeIndex.get(t);
        if (j !== undefined) into[j]!.push(i);
      }
    });
    const out = new Uint8Array(scenario.nodes.length);
    const queue: number[] = [];
    exits.forEach((e, i) => {
      if (e) {
        out[i] = 1;
        queue.push(i);
      }
    });
    while (queue.length > 0) {
      for (const from of into[queue.pop()!]!) {
        if (!out[from]) {
          out[from] = 1;
          queue.push(from);
        }
      }
    }
    // Report where play enters a trap: the start, or a node reached from one with a way out.
    scenario.nodes.forEach((node, i) => {
      if (!reached[i] || out[i] || nodeIndex.get(node.id) !== i) return;
      const entered = i === startIndex || into[i]!.some((from) => reached[from] && out[from]);
      if (!entered) return;
      error(
        'no-way-out',
        ['nodes', i, 'id'],
        `once play reaches node "${node.id}" it can never leave: no path from it leads to an ending, the end of the interview or a close (a loop with no way out)`,
        'Give a node in the loop a choice with an "ending" or "endsInterview": true, or allow a close there.',
      );
    });
  }

  // Conditions on lines (replies picked by state) and on follow-up coaching.
  for (const { line, path } of allLines)
    if (line.condition) walkCondition(line.condition, [...path, 'condition']);
  const walkFeedback = (feedback: unknown, path: JsonPath) => {
    if (!Array.isArray(feedback)) return;
    feedback.forEach((f: { condition?: Condition }, i) => {
      if (f.condition) walkCondition(f.condition, [...path, i, 'condition']);
    });
  };
  scenario.followUp?.acts.forEach((a, i) => {
    walkFeedback(a.feedback, ['followUp', 'acts', i, 'feedback']);
  });
  walkFeedback(scenario.followUp?.letGoFeedback, ['followUp', 'letGoFeedback']);

  // --- Variables -------------------------------------------------------------------------
  const known = [...setVars, ...ENGINE_VARS.map((v) => v.name)];
  for (const read of readVars) {
    if (!setVars.has(read.name) && !ENGINE_VAR_NAMES.has(read.name)) {
      const near = suggest(read.name, known);
      warn(
        'unset-variable',
        read.path,
        `the condition reads the variable "${read.name}", but no choice ever sets it${
          near ? ` — did you mean "${near}"?` : ''
        }`,
        near
          ? `Change it to "${near}", or set "${read.name}" in some choice's effects.set or effects.add.`
          : `Set "${read.name}" in some choice's effects.set or effects.add, or fix the name.`,
      );
    }
  }

  // --- Endings no path can reach (conservative) -----------------------------------------------
  const walkAway = negotiation?.moves.some((m) => m.kind === 'walk-away') ?? false;
  const closeSomewhere = scenario.nodes.some(
    (node, i) =>
      reached[i] && (node.closeAllowed ?? (closing.allowed === 'anywhere' || node.moment === 'closing')),
  );
  // --- When the player may close: the opening, the middle and the closing minutes --------------
  const closeMoments = new Set(
    scenario.nodes
      .filter(
        (node, i) =>
          reached[i] &&
          !node.ending &&
          (node.closeAllowed ?? (closing.allowed === 'anywhere' || node.moment === 'closing')),
      )
      .map((node) => node.moment),
  );
  // Only the moments the scenario has count (a two-node sketch cannot offer a middle), and a node
  // that ends the playthrough offers no close.
  const moments = new Set(scenario.nodes.filter((n, i) => reached[i] && !n.ending).map((n) => n.moment));
  const missing = (['opening', 'middle', 'closing'] as const).filter(
    (m) => moments.has(m) && !closeMoments.has(m),
  );
  if (closeMoments.size < 3 && missing.length > 0) {
    warn(
      'close-moments',
      ['closing', 'allowed'],
      `the close is on offer only in ${closeMoments.size === 0 ? 'no moment' : `the ${[...closeMoments].join(' and ')} moments`}, never in the ${missing.join(' or ')}: the game, not the player, decides when to close`,
      'Offer the close in the opening, the middle and the closing minutes ("allowed": "anywhere"), and keep "closeAllowed": false only on nodes where an ask makes no sense (mid-exercise, mid-sentence).',
    );
  }

  scenario.endings.forEach((ending, i) => {
    if (directEndings.has(ending.id)) return;
    let why: string | undefined;
    if (ending.outcome === 'withdrawn' && !walkAway) {
      why = 'nothing leads to it: no choice or node names it and the negotiation has no walk-away move';
    } else if (ending.outcome === 'offer-rescinded' && !negotiation) {
      why = 'an offer can only be rescinded during a negotiation, and this scenario has none';
    } else if (ending.outcome === 'offer-now' && !closeSomewhere) {
      why = 'an offer on the spot needs a close, and no reachable node allows one';
    }
    if (why) {
      warn(
        'unreachable-ending',
        ['endings', i, 'outcome'],
        `ending "${ending.id}" (${ending.outcome}) can never happen: ${why}`,
        'Point a choice at this ending, add what produces the outcome, or remove the ending.',
      );
    }
  });

  // --- Outcomes the engine can reach but no ending covers ---------------------------------------
  // The engine picks an ending by outcome, then by its sibling (offer-now/offer-later,
  // next-stage/shortlisted, no-decision/rejection); with neither it would silently take another.
  const decides =
    closeSomewhere ||
    scenario.nodes.some(
      (node, i) =>
        reached[i] &&
        (node.endsInterview ||
          node.choices.some((c) => c.endsInterview) ||
          (node.choices.length > 0 &&
            node.next === undefined &&
            node.ending === undefined &&
            !!node.choices.some((c) => c.condition))),
    );
  const producible: { outcome: Scenario['endings'][number]['outcome']; why: string }[] = [];
  if (decides) {
    const stage = scenario.situation.nextStage === 'shortlist' ? 'shortlisted' : 'next-stage';
    producible.push(
      { outcome: 'rejection', why: 'a decision can turn the candidate down' },
      { outcome: 'no-decision', why: 'a decision can be left open' },
      { outcome: 'offer-later', why: 'the decision after the interview can be an offer' },
    );
    // At the final stage a favourable answer is an offer: there is no next stage to move on to.
    const final = scenario.situation.stage === 'final' || scenario.situation.nextStage === 'offer';
    if (!final) producible.push({ outcome: stage, why: 'a decision can move the candidate on' });
    if (closeSomewhere)
      producible.push({ outcome: 'offer-now', why: 'a close can win an offer on the spot' });
  }
  if (negotiation) {
    if (negotiation.moves.some((m) => m.kind === 'counter' || m.kind === 'counter-with-leverage'))
      producible.push({
        outcome: 'offer-rescinded',
        why: 'a counter-offer can make them withdraw the offer',
      });
    if (walkAway) producible.push({ outcome: 'withdrawn', why: 'the negotiation has a walk-away move' });
  }
  const SIBLING: Record<string, string> = {
    'offer-now': 'offer-later',
    'offer-later': 'offer-now',
    'next-stage': 'shortlisted',
    shortlisted: 'next-stage',
    'no-decision': 'rejection',
    rejection: 'no-decision',
    withdrawn: 'rejection',
    'offer-rescinded': 'rejection',
  };
  const outcomesCovered = new Set(scenario.endings.map((e) => e.outcome));
  for (const { outcome, why } of producible) {
    const sibling = SIBLING[outcome]!;
    if (outcomesCovered.has(outcome) || outcomesCovered.has(sibling as typeof outcome)) continue;
    error(
      'missing-outcome-ending',
      ['endings'],
      `no ending has the outcome "${outcome}" (or "${sibling}"), but ${why}: the game would end on an unrelated ending`,
      `Add an ending with "outcome": "${outcome}", its title and debrief text.`,
    );
  }
  for (const i of [...refersIssues(scenario), ...momentIssues(scenario)])
    add(i.severity, i.code, i.path, i.message, i.fix);

  return sortProblems(problems.map(displayable));
}

/** Parses, schema-checks and graph-checks a scenario text in one go. */
export function validateScenario(
  text: string,
  file: string,
  options: Omit<CheckOptions, 'locator'> = {},
): ParseResult {
  const parsed = parseScenarioText(text, file);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const problems = sortProblems([
    ...parsed.problems,
    ...checkScenario(parsed.scenario, file, { ...options, locator: parsed.locator }),
  ]);
  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
  return { ok: true, scenario: parsed.scenario, problems };
}

/** Lists ids for a message, the first dozen only when there are many. */
function quote(ids: readonly string[]): string {
  const shown = ids.slice(0, 12).map((i) => `"${i}"`);
  if (ids.length > shown.length) shown.push(`and ${ids.length - shown.length} more`);
  return shown.join(', ');
}

const PLAIN_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** Whether an id can name an asset file: lower-case letters, digits and hyphens, no path, not a built-in name. */
export function isPlainName(name: string): boolean {
  return PLAIN_NAME.test(name) && name.length <= 64 && !(name in Object.prototype);
}

function suggestPlain(name: string): string {
  const plain = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return plain && isPlainName(plain) ? plain : 'voice-mid';
}

/**
 * Variables a condition needs to be set: those read by a `var` test, not under `not` or `any`,
 * that fails while the variable is unset (unset reads as false, or 0).
 */
function requiredVars(cond: Condition): string[] {
  if ('all' in cond) return cond.all.flatMap(requiredVars);
  if (!('var' in cond)) return [];
  if (cond.equals !== undefined && cond.equals !== false) return [cond.var];
  if ((cond.atLeast !== undefined && cond.atLeast > 0) || (cond.atMost !== undefined && cond.atMost < 0))
    return [cond.var];
  return [];
}
