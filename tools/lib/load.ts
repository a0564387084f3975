import { readFileSync, statSync } from 'node:fs';
import { MAX_SCENARIO_CHARS, parseScenario, type Scenario } from '../../src/engine';

/**
 * Reads and parses a scenario file for a command-line tool; returns a message instead of
 * throwing. Like `validate`, it reads only regular files up to the size limit, so a device
 * (/dev/zero) or a named pipe is refused before anything is read.
 */
export function loadScenarioFile(file: string): { scenario: Scenario } | { error: string } {
  let text: string;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return { error: `${file}: is a directory, not a scenario file.` };
    if (!stat.isFile()) {
      const kind = stat.isFIFO()
        ? 'a named pipe'
        : stat.isCharacterDevice() || stat.isBlockDevice()
          ? 'a device'
          : stat.isSocket()
            ? 'a socket'
            : 'not a regular file';
      return { error: `${file}: is ${kind}, not a scenario file; pass a scenario .json file.` };
    }
    if (stat.size > MAX_SCENARIO_CHARS * 4) {
      return {
        error: `${file}: the file is too large (${(stat.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_SCENARIO_CHARS / 1024 / 1024} MB).`,
      };
    }
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
