/**
 * Parsing a scenario file: strict JSON → format version check → schema check, with every
 * problem located at a line and column of the text so an author can jump straight to it.
 *
 * Pure TypeScript: no file system, no DOM. Hostile input (binary files, huge files, deep
 * nesting, `__proto__` keys) yields problems, never an exception.
 */
import { type ParseError, parseTree } from 'jsonc-parser';
import { formatPath, LineIndex, type Location, type Locator, lazyLocator, makeLocator } from './locate';
import { displayable, type Problem, sortProblems } from './problem';
import { findBinary, MAX_NESTING, MAX_SCENARIO_CHARS, scanText, syntaxProblem } from './raw-text';
import { FORMAT_VERSION, Scenario } from './schema';
import { type Flat, flatten, issueToProblems } from './wording';

export {
  createLocator,
  formatPath,
  type JsonPath,
  LineIndex,
  type Location,
  type Locator,
  type PathSegment,
} from './locate';
export { displayable, escapeForDisplay, type ParseResult, type Problem, sortProblems } from './problem';
export { MAX_NESTING, MAX_SCENARIO_CHARS } from './raw-text';
export { boundedEditDistance, didYouMean, editDistance } from './suggest';

// ---------------------------------------------------------------------------
// The parser
// ---------------------------------------------------------------------------

/** Internal result that also carries the locator, so checks can share it. */
export type ParsedText =
  | { ok: true; scenario: Scenario; problems: Problem[]; locator: Locator }
  | {
      ok: false;
      problems: Problem[];
      locator: Locator;
      /** The file's data when it is JSON of the right format version, so later checks can still run. */
      data?: unknown;
    };

function fileProblem(
  file: string,
  code: string,
  message: string,
  fix: string,
  at: Location = { line: 1, column: 1 },
) {
  return {
    ok: false as const,
    problems: [{ file, ...at, path: '$', severity: 'error' as const, code, message, fix }],
  };
}

/** Parses a scenario text and returns the locator used for its problems (printable: see `escapeForDisplay`). */
export function parseScenarioText(input: string, file: string): ParsedText {
  const result = parseText(input, file);
  result.problems = result.problems.map(displayable);
  return result;
}

function parseText(input: string, file: string): ParsedText {
  const empty = makeLocator(undefined, new LineIndex(''));
  if (typeof input !== 'string') {
    return {
      ...fileProblem(file, 'not-text', 'the input is not text', 'Pass the file contents as a string.'),
      locator: empty,
    };
  }
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.length > MAX_SCENARIO_CHARS) {
    return {
      ...fileProblem(
        file,
        'too-large',
        `the file is too large (${(text.length / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_SCENARIO_CHARS / 1024 / 1024} MB)`,
        'Split the scenario, or check that this is the right file.',
      ),
      locator: empty,
    };
  }
  const lines = new LineIndex(text);
  const noRoot = makeLocator(undefined, lines);
  const bad = findBinary(text);
  if (bad >= 0) {
    return {
      ...fileProblem(
        file,
        'binary-file',
        'this is not a text JSON file: it holds binary data or bytes that are not valid UTF-8',
        'Save the scenario as UTF-8 text, or check that this is the right file.',
        lines.at(bad),
      ),
      locator: noRoot,
    };
  }
  if (text.trim() === '') {
    return {
      ...fileProblem(
        file,
        'empty-file',
        'the file is empty',
        'Write a scenario object: start from scenarios/example.json.',
      ),
      locator: noRoot,
    };
  }
  // Depth first (a deeper text is refused before it is parsed), and the repeated keys in the same pass.
  const scanned = scanText(text);
  if (scanned.tooDeepAt >= 0) {
    return {
      ...fileProblem(
        file,
        'too-deep',
        `the JSON is nested more than ${MAX_NESTING} levels deep`,
        'Flatten the structure; a scenario never needs this much nesting.',
        lines.at(scanned.tooDeepAt),
      ),
      locator: noRoot,
    };
  }

  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    // Strict JSON failed: find where, with the tolerant parser's error positions.
    const errors: ParseError[] = [];
    parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    if (first) return { ok: false, problems: [syntaxProblem(file, lines, first, text)], locator: noRoot };
    const at = /position (\d+)/.exec(err instanceof Error ? err.message : '');
    return {
      ...fileProblem(
        file,
        'json-syntax',
        `JSON syntax error: ${err instanceof Error ? err.message : 'malformed JSON'}`,
        'Fix the JSON syntax here.',
        at ? lines.at(Number(at[1])) : undefined,
      ),
      locator: noRoot,
    };
  }
  const locator = lazyLocator(text, lines);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const kind = Array.isArray(data)
      ? 'a list'
      : data === null
        ? 'null'
        : typeof data === 'string'
          ? 'a text string'
          : `a ${typeof data}`;
    const first = text.search(/\S/);
    return {
      ...fileProblem(
        file,
        'not-an-object',
        `the file holds ${kind}, but a scenario is an object { ... }`,
        'Make the whole file one object with formatVersion, meta, nodes and the rest (see scenarios/example.json).',
        lines.at(Math.max(0, first)),
      ),
      locator,
    };
  }

  const problems: Problem[] = [];
  for (const dup of scanned.duplicates) {
    problems.push({
      file,
      ...lines.at(dup.offset),
      path: formatPath(dup.path),
      severity: 'error',
      code: 'duplicate-key',
      message: `the key "${dup.key}" appears twice in the same object; only the last one would count`,
      fix: `Remove or merge one of the "${dup.key}" entries.`,
    });
  }

  const version = Object.hasOwn(data, 'formatVersion')
    ? (data as { formatVersion?: unknown }).formatVersion
    : undefined;
  if (version !== FORMAT_VERSION) {
    const missing = version === undefined;
    return {
      ok: false,
      problems: [
        {
          file,
          ...(missing ? locator.value([]) : locator.value(['formatVersion'])),
          path: '$.formatVersion',
          severity: 'error',
          code: 'format-version',
          message: missing
            ? `the file has no "formatVersion"; this version of Close Call reads version ${FORMAT_VERSION}`
            : `this file is format version ${JSON.stringify(version)}; this version of Close Call reads version ${FORMAT_VERSION} only`,
          fix: missing
            ? `Add "formatVersion": ${FORMAT_VERSION} at the top of the file.`
            : `Use a Close Call release that reads format version ${JSON.stringify(version)}, or rewrite the file for version ${FORMAT_VERSION} and set "formatVersion": ${FORMAT_VERSION}.`,
        },
        ...problems,
      ],
      locator,
    };
  }

  const parsed = Scenario.safeParse(data);
  if (!parsed.success) {
    const flat: Flat[] = [];
    flatten(parsed.error.issues, [], data, flat);
    for (const f of flat) problems.push(...issueToProblems(f, data, file, locator));
    sortProblems(problems);
    return { ok: false, problems, locator, data };
  }
  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems, locator, data };
  return { ok: true, scenario: parsed.data, problems, locator };
}

/**
 * Parses and schema-checks a scenario text. Graph and reference checks are in
 * `checkScenario` (check.ts); `validateScenario` runs both.
 */
export function parseScenario(
  text: string,
  file: string,
): { ok: true; scenario: Scenario; problems: Problem[] } | { ok: false; problems: Problem[] } {
  const result = parseScenarioText(text, file);
  return result.ok
    ? { ok: true, scenario: result.scenario, problems: result.problems }
    : { ok: false, problems: result.problems };
}
