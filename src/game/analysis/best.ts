import type { Scenario } from '../../engine';

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, (best: number | null) => void>();
const cache = new Map<string, Promise<number | null>>();

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
    return worker;
  } catch (err) {
    console.info('Close Call: no worker for analysis', err);
    return null;
  }
}

/** The best score expected play can reach in a scenario (the analyzer's best path), computed once, off the main thread. */
export function bestAchievable(scenario: Scenario): Promise<number | null> {
  const key = scenario.meta.id;
  const hit = cache.get(key);
  if (hit) return hit;
  const w = getWorker();
  const promise = w
    ? new Promise<number | null>((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        w.postMessage({ id, scenario });
      })
    : Promise.resolve(null);
  cache.set(key, promise);
  return promise;
}
