import type { ScenarioEntry } from '../catalog';

/** The scenario whose map is open (set by the Map button on Scenario select). */
let target: (ScenarioEntry & { ok: true }) | null = null;

export function setMapTarget(entry: ScenarioEntry & { ok: true }): void {
  target = entry;
}

export function mapTarget(): (ScenarioEntry & { ok: true }) | null {
  return target;
}
