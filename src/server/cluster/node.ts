/**
 * One server process of a cluster, without the build step of `npm start` (tools/cluster.ts
 * builds once, then starts N of these; the scale-out tests start them too). Run with
 * `node --import tsx src/server/cluster/node.ts`; configured by the same environment as npm start.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../main';

await main(join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'));

// Started by a tool with an IPC channel (tools/lib/cluster-nodes.ts): when that tool exits or
// crashes, stop too (main's SIGTERM handler closes the server cleanly).
if (process.send) {
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
