/**
 * Prints which browser tests passed only on their retry, so flakiness is visible in CI output
 * instead of hidden by `retry: 1`, with the error each failed attempt met (the runner keeps a
 * retried test's earlier errors on its result even when the retry passes).
 */
import type { Reporter, TestCase } from 'vitest/node';

/** The first lines of an error: its message and where in the tests it was thrown. */
function brief(e: { message?: string; stack?: string }): string {
  const message = (e.message ?? String(e)).split('\n').slice(0, 4).join('\n      ');
  const at = (e.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l) && l.includes('/tests/'))
    .slice(0, 2)
    .map((l) => l.trim())
    .join('\n      ');
  return at ? `${message}\n      ${at}` : message;
}

export default class RetryReporter implements Reporter {
  private readonly retried: string[] = [];

  onTestCaseResult(test: TestCase): void {
    const d = test.diagnostic();
    if (d && d.retryCount > 0) {
      const result = test.result();
      const errors = (result.errors ?? []).map((e) => `    attempt error: ${brief(e)}`);
      this.retried.push(
        [
          `${test.module.moduleId.split('/').slice(-2).join('/')} > ${test.fullName} (${result.state} after ${d.retryCount} retr${d.retryCount === 1 ? 'y' : 'ies'})`,
          ...errors,
        ].join('\n'),
      );
    }
  }

  onTestRunEnd(): void {
    if (this.retried.length === 0) {
      console.log('\nBrowser tests needing a retry: none');
      return;
    }
    console.log(`\nBrowser tests needing a retry (${this.retried.length}), flaky until fixed:`);
    for (const r of this.retried) console.log(`  - ${r}`);
  }
}
