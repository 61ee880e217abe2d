// A validation worker: builds its own Validator over the same packages, then validates the tasks it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { loadPackages } from '../../packages/load-packages.js';
import type { Reply, Task, WorkerSetup } from './protocol.js';
import { createValidator } from './setup.js';
import { runTask } from './task-runner.js';

const setup = workerData as WorkerSetup;
const parts = createValidator(loadPackages(setup.igs, { optional: setup.optionalPackages }), setup);

// Tasks are handled one at a time, in the order they arrive.
let chain: Promise<void> = Promise.resolve();
parentPort!.on('message', (task: Task) => {
  chain = chain.then(async () => {
    let reply: Reply;
    try {
      reply = { id: task.id, ...(await runTask(parts, task)) };
    } catch (e) {
      reply = { id: task.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    parentPort!.postMessage(reply);
  });
});
