// Runs before each e2e spec file, in that file's sandbox (its own copy of process.env). Every
// file keys its queues under a prefix of its own: the run's (which the run's clean-up removes)
// plus a random suffix. A worker that a spec boots then never takes a job another file left
// queued (a digest, a report still to render), and a spec that deletes its queue keys to
// simulate Redis losing them deletes only its own, never those under a live worker of another.
const { randomBytes } = require('node:crypto');

if (process.env.QUEUE_PREFIX) {
  process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX}_${randomBytes(4).toString('hex')}`;
}
