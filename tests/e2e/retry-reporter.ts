/**
 * Prints which browser tests passed only on their retry, so flakiness is visible in CI output
 * instead of hidden by `retry: 1`.
 */
import type { Reporter, TestCase } from 'vitest/node';

export default class RetryReporter implements Reporter {
  private readonly retried: string[] = [];

  onTestCaseResult(test: TestCase): void {
    const d = test.diagnostic();
    if (d && d.retryCount > 0) {
      this.retried.push(
        `${test.module.moduleId.split('/').slice(-2).join('/')} > ${test.fullName} (${test.result().state} after ${d.retryCount} retr${d.retryCount === 1 ? 'y' : 'ies'})`,
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
