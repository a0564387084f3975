/**
 * Validates scenario files on disk: parse, schema and graph checks, plus asset checks
 * against the project's assets/ folder. Used by `npm run validate`, the tests and the bench.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createLocator,
  escapeForDisplay,
  MAX_SCENARIO_CHARS,
  type Problem,
  validateScenario,
} from '../../src/engine';
import { scenariosDir } from './scenarios-dir';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCHEMA_FILE = 'scenario.schema.json';

export interface FileReport {
  file: string;
  ok: boolean;
  problems: Problem[];
  /** The scenario's meta.id, when the file parsed. */
  id?: string;
}

export interface ValidateReport {
  files: FileReport[];
  errors: number;
  warnings: number;
}

export interface ValidateOptions {
  /** Folder holding assets/; null skips the asset checks. Default: the project root. */
  assetRoot?: string | null;
  /** Base for the file names shown in reports. Default: the current directory. */
  cwd?: string;
}

function fileLevel(file: string, code: string, message: string, fix: string): FileReport {
  return {
    file,
    ok: false,
    problems: [{ file, line: 0, column: 0, path: '$', severity: 'error', code, message, fix }],
  };
}

function display(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') ? rel.split('\\').join('/') : abs;
}

function isScenarioName(name: string): boolean {
  return name.endsWith('.json') && name !== SCHEMA_FILE;
}

/** Expands the arguments to scenario files; with none, every scenario of the scenarios folder (CLOSECALL_SCENARIOS or the project's). */
function expand(paths: readonly string[], cwd: string): { files: string[]; reports: FileReport[] } {
  const files: string[] = [];
  const reports: FileReport[] = [];
  const targets = paths.length > 0 ? paths : [scenariosDir()];
  for (const arg of targets) {
    const abs = resolve(cwd, arg);
    const shown = paths.length > 0 ? arg : display(abs, cwd);
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(abs);
    } catch {
      reports.push(
        fileLevel(
          shown,
          'missing-path',
          `no such file or directory: ${shown}`,
          'Check the path and its spelling.',
        ),
      );
      continue;
    }
    if (stat.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(abs).filter(isScenarioName).sort();
      } catch (err) {
        reports.push(
          fileLevel(
            shown,
            'unreadable',
            `cannot read the directory ${shown}: ${reason(err)}`,
            'Check its permissions.',
          ),
        );
        continue;
      }
      if (names.length === 0) {
        reports.push(
          fileLevel(
            shown,
            'no-scenarios',
            `the directory ${shown} holds no scenario .json files`,
            'Pass a directory with scenario files, or the files themselves.',
          ),
        );
      }
      for (const name of names) files.push(join(abs, name));
    } else if (stat.isFile()) {
      files.push(abs);
    } else {
      reports.push(
        fileLevel(
          shown,
          'not-a-file',
          `${shown} is not a regular file`,
          'Pass a scenario .json file or a directory.',
        ),
      );
    }
  }
  return { files, reports };
}

function reason(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') {
    const code = err.code;
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'EISDIR') return 'it is a directory';
    if (code === 'ENOENT') return 'it does not exist';
    return code;
  }
  return err instanceof Error ? err.message : String(err);
}

/** Reads and validates one file; never throws. */
export function validateFile(abs: string, shown: string, options: ValidateOptions = {}): FileReport {
  try {
    const size = statSync(abs).size;
    if (size > MAX_SCENARIO_CHARS * 4) {
      return fileLevel(
        shown,
        'too-large',
        `the file is too large (${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_SCENARIO_CHARS / 1024 / 1024} MB)`,
        'Split the scenario, or check that this is the right file.',
      );
    }
    const bytes = readFileSync(abs);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const root = options.assetRoot === undefined ? PROJECT_ROOT : options.assetRoot;
    const assetExists = root === null ? undefined : (rel: string) => existsSync(join(root, rel));
    const assetList =
      root === null
        ? undefined
        : (rel: string) => {
            try {
              return readdirSync(join(root, rel));
            } catch {
              return [];
            }
          };
    const result = validateScenario(text, shown, { assetExists, assetList });
    return {
      file: shown,
      ok: !result.problems.some((p) => p.severity === 'error'),
      problems: result.problems,
      ...(result.ok ? { id: result.scenario.meta.id } : {}),
    };
  } catch (err) {
    return fileLevel(
      shown,
      'unreadable',
      `cannot read ${shown}: ${reason(err)}`,
      'Check the path and its permissions.',
    );
  }
}

/** Validates files and directories (every scenario .json in them); never throws. */
export function validateFiles(paths: readonly string[], options: ValidateOptions = {}): ValidateReport {
  const cwd = options.cwd ?? process.cwd();
  const { files, reports } = expand(paths, cwd);
  for (const abs of files) {
    const shown = display(abs, cwd);
    if (basename(abs) === SCHEMA_FILE && paths.length === 0) continue;
    reports.push(validateFile(abs, shown, options));
  }
  // Saves, progress and the catalogue key on meta.id: two files may not share one.
  const firstWithId = new Map<string, string>();
  for (const r of reports) {
    if (r.id === undefined) continue;
    const first = firstWithId.get(r.id);
    if (first === undefined) {
      firstWithId.set(r.id, r.file);
      continue;
    }
    let at = { line: 1, column: 1 };
    try {
      at = createLocator(readFileSync(resolve(cwd, r.file), 'utf8')).value(['meta', 'id']);
    } catch {
      // Keep line 1: the file was readable a moment ago.
    }
    r.ok = false;
    r.problems.push({
      file: r.file,
      ...at,
      path: '$.meta.id',
      severity: 'error',
      code: 'duplicate-scenario-id',
      message: `the scenario id "${escapeForDisplay(r.id)}" is also used by ${escapeForDisplay(first)}`,
      fix: 'Give each scenario file its own meta.id: saves and best scores are kept under it.',
    });
  }
  let errors = 0;
  let warnings = 0;
  for (const r of reports) {
    for (const p of r.problems) {
      if (p.severity === 'error') errors++;
      else warnings++;
    }
  }
  return { files: reports, errors, warnings };
}

/** One problem as the command line prints it. */
export function formatProblem(p: Problem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  const path = p.line > 0 ? ` ${p.path}` : '';
  return (
    escapeForDisplay(`${where} ${p.severity} [${p.code}]${path}: ${p.message}`) +
    `\n    fix: ${escapeForDisplay(p.fix)}`
  );
}
