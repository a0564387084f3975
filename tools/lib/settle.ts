import { statSync } from 'node:fs';

/**
 * Passes on a changed file only once it has stopped changing.
 *
 * Many editors save in place: they empty the file, then write it. The file watcher reports the
 * first step, and it drops a second change to the same file that comes within 50 ms of the first
 * (chokidar's throttle), so a game that read the file at once could load an empty or half-written
 * file and never hear of the finished one. Here every reported file is looked at (size and
 * modification time) every `interval` ms, and passed on when it has looked the same for `quiet` ms;
 * `quiet` is longer than the watcher's throttle, so a write after that is reported again. A file
 * that never settles is passed on after `longest` ms. A removed file settles like any other.
 */
export interface SettleOptions {
  /** How often a changing file is looked at, in ms. */
  interval?: number;
  /** How long a file must look the same before it is passed on, in ms. */
  quiet?: number;
  /** The longest a file is held back, in ms. */
  longest?: number;
}

function look(file: string): string {
  try {
    const s = statSync(file);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'gone';
  }
}

/** Returns the function to call for each change the watcher reports; `ready` gets each file once it has settled. */
export function settleChanges(
  ready: (file: string) => void,
  { interval = 25, quiet = 100, longest = 2000 }: SettleOptions = {},
): (file: string) => void {
  const watching = new Map<string, { seen: string; since: number; started: number }>();
  let timer: ReturnType<typeof setInterval> | undefined;
  const tick = () => {
    const now = Date.now();
    for (const [file, w] of watching) {
      const seen = look(file);
      if (seen !== w.seen) {
        w.seen = seen;
        w.since = now;
      }
      if (now - w.since >= quiet || now - w.started >= longest) {
        watching.delete(file);
        ready(file);
      }
    }
    if (watching.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
  return (file: string) => {
    const now = Date.now();
    const w = watching.get(file);
    if (w) {
      // Reported again while held: it changed, so the quiet time starts again.
      w.seen = look(file);
      w.since = now;
    } else {
      watching.set(file, { seen: look(file), since: now, started: now });
    }
    timer ??= setInterval(tick, interval);
  };
}
