import { readFileSync, statSync } from 'node:fs';
import { parseScenario, type Scenario } from '../../src/engine';

/** Reads and parses a scenario file for a command-line tool; returns a message instead of throwing. */
export function loadScenarioFile(file: string): { scenario: Scenario } | { error: string } {
  let text: string;
  try {
    if (statSync(file).isDirectory()) return { error: `${file}: is a directory, not a scenario file.` };
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      error: `${file}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(e)})`}.`,
    };
  }
  const parsed = parseScenario(text, file);
  if (!parsed.ok) {
    const first = parsed.problems.find((p) => p.severity === 'error') ?? parsed.problems[0];
    return {
      error: `${file}: not a valid scenario${first ? ` (${first.line}:${first.column} ${first.path}: ${first.message})` : ''}. Run npm run validate -- ${file} for every problem.`,
    };
  }
  return { scenario: parsed.scenario };
}
