// A Jest reporter that writes the run's counts, and nothing else, to the file named by
// AUDITDESK_TEST_COUNTS. Jest's own --json output serialises every failure object and once
// crashed on a circular one ("Converting circular structure to JSON"), leaving scripts/test.ts
// with no counts at all; plain numbers cannot fail that way.
const { writeFileSync } = require('node:fs');

class CountsReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.AUDITDESK_TEST_COUNTS;
    if (!file) return;
    // A test file that failed without a failing test (it did not compile, or a hook or the
    // global set-up threw) ran none of its tests: it counts as one failure, never as none.
    const brokenFiles = results.testResults.filter(
      (r) => r.testExecError || (r.failureMessage && r.numFailingTests === 0),
    ).length;
    writeFileSync(
      file,
      JSON.stringify({
        passed: results.numPassedTests,
        failed: results.numFailedTests + brokenFiles + (results.runExecError ? 1 : 0),
        skipped: results.numPendingTests + results.numTodoTests,
      }),
    );
  }
}

module.exports = CountsReporter;
