import type { View } from '../engine';
import { type CurrentPlay, ctx } from './context';
import { screenFor } from './ui/route';

/** What a play screen opens on: the playthrough, its view and the part of the view the screen shows. */
export interface OpenedScreen<T> {
  cur: CurrentPlay;
  view: View;
  part: T;
}

/**
 * The guard every play screen opens with. With no playthrough under way it goes back to the
 * scenario list; when the view has nothing for this screen (`pick` gives null) it goes on to the
 * screen that shows the view. Either way it returns null and the screen draws nothing.
 */
export function openPlayScreen<T>(
  go: (key: string) => void,
  pick: (view: View) => T | null | undefined,
): OpenedScreen<T> | null {
  const cur = ctx().current;
  if (!cur) {
    go('ScenarioSelect');
    return null;
  }
  const view = cur.play.view();
  const part = pick(view);
  if (part === null || part === undefined) {
    go(screenFor(view, cur.responseSeenStep));
    return null;
  }
  return { cur, view, part };
}
