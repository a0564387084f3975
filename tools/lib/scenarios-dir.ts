/**
 * Where the command-line tools read and write scenarios: the folder named by CLOSECALL_SCENARIOS
 * (an author's own folder, as the dev server and the build honour it), else the project's
 * scenarios/. And the `$schema` reference a file written into a folder needs for editors to find
 * the project's scenario.schema.json from there.
 */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The scenarios folder the tools use (absolute). */
export function scenariosDir(env: NodeJS.ProcessEnv = process.env): string {
  const own = env.CLOSECALL_SCENARIOS?.trim();
  return own ? resolve(own) : resolve(PROJECT_ROOT, 'scenarios');
}

/** The schema file every scenario points at (absolute). */
export const SCHEMA_PATH = resolve(PROJECT_ROOT, 'scenarios', 'scenario.schema.json');

/**
 * The `$schema` value for a scenario written to `file`: the schema's path relative to the file's
 * folder ("./scenario.schema.json" beside it, "../close-call/scenarios/scenario.schema.json" in a
 * sibling folder), so editor completion works wherever the file lives.
 */
export function schemaRefFor(file: string): string {
  const rel = relative(dirname(resolve(file)), SCHEMA_PATH)
    .split('\\')
    .join('/');
  if (isAbsolute(rel)) return rel; // another drive on Windows: no relative path exists
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** A path as the user should read it: relative to the working directory when inside it. */
export function shownPath(abs: string, cwd = process.cwd()): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : abs;
}
