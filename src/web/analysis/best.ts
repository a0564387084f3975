import type { Scenario } from '../../engine';

/** Longer than the worker's own time budget: only a worker that stopped answering hits it. */
const GIVE_UP_MS = 45_000;

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, (best: number | null) => void>();
const cache = new Map<Scenario, Promise<number | null>>();

function settleAll(): void {
  for (const done of pending.values()) done(null);
  pending.clear();
}

function getWorker(): Worker | null {
  if (worker) return worker;
  try {
    worker = new Worker(new URL('./best.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<{ id: number; best?: number; error?: string }>) => {
      const done = pending.get(event.data.id);
      pending.delete(event.data.id);
      if (event.data.error) console.info('Close Call: could not analyse the scenario', event.data.error);
      done?.(event.data.best ?? null);
    };
    worker.onerror = (event) => {
      console.info('Close Call: the analysis worker failed', event.message);
      event.preventDefault();
      worker?.terminate();
      worker = null;
      settleAll();
    };
    return worker;
  } catch (err) {
    console.info('Close Call: no worker for analysis', err);
    return null;
  }
}

/**
 * The best score expected play can reach in a scenario (the analyzer's best path), computed
 * once per scenario, off the main thread; null when it cannot be worked out within the budget.
 */
export function bestAchievable(scenario: Scenario): Promise<number | null> {
  const hit = cache.get(scenario);
  if (hit) return hit;
  const w = getWorker();
  const promise = w
    ? new Promise<number | null>((resolve) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          if (!pending.has(id)) return;
          console.info('Close Call: the analysis took too long; stopping it');
          worker?.terminate();
          worker = null;
          settleAll();
        }, GIVE_UP_MS);
        pending.set(id, (best) => {
          clearTimeout(timer);
          resolve(best);
        });
        w.postMessage({ id, scenario });
      })
    : Promise.resolve(null);
  cache.set(scenario, promise);
  return promise;
}
