// Runs the test files in a random order, so a file that passes only after (or before) another
// one shows up. Jest's --randomize shuffles the tests inside each file only. The order comes from
// a seed, printed at the start; AUDITDESK_TEST_SEED=<seed> replays it (scripts/test.ts picks one
// per run and passes it here).
const Sequencer = require('@jest/test-sequencer').default;

/** mulberry32: a small seeded generator; the same seed gives the same order on any machine. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class ShuffledSequencer extends Sequencer {
  sort(tests) {
    const given = process.env.AUDITDESK_TEST_SEED;
    if (given !== undefined && !/^\d+$/.test(given)) {
      throw new Error(`AUDITDESK_TEST_SEED must be a whole number, not "${given}"`);
    }
    const seed = given === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(given);
    // From a fixed order (by project, then path), so the seed alone decides the result.
    const key = (test) => `${test.context.config.displayName?.name ?? ''}\0${test.path}`;
    const ordered = [...tests].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const next = random(seed);
    for (let i = ordered.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [ordered[i], ordered[j]] = [ordered[j], ordered[i]];
    }
    if (ordered.length > 1) {
      // stderr: stdout may be a list (--listTests) that tools read.
      process.stderr.write(
        `[jest] ${ordered.length} test files in shuffled order, seed ${seed} (replay: AUDITDESK_TEST_SEED=${seed})\n`,
      );
    }
    return ordered;
  }
}

module.exports = ShuffledSequencer;
