/**
 * The order the browser test files start in: longest first, so the two workers finish together.
 *
 * Vitest orders by each file's duration from its results cache, and without a cache (CI's fresh
 * clone) by file size, largest first. File size is a poor guide here: game.test.ts is the smallest
 * file and one of the longest, so a fresh run started it last and one core sat idle for most of
 * a minute while it ran alone. A file's duration from this machine's cache is used when there is
 * one; otherwise the seconds below (measured with two workers on a loaded 2-core machine: only
 * their order matters). A file missing here counts as long, so a new file does not end the run.
 */
import { basename, relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SECONDS: Record<string, number> = {
  'player.test.ts': 85,
  'game.test.ts': 60,
  'live.test.ts': 55,
  'controls.test.ts': 50,
  'features.test.ts': 45,
  'projector.test.ts': 45,
  'authoring.test.ts': 40,
  'hot-reload.test.ts': 40,
  'lms.test.ts': 35,
  'map-reads.test.ts': 35,
  'story.test.ts': 25,
  'map-editor.test.ts': 20,
  'hostile.test.ts': 15,
};
const UNKNOWN = 60;

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const ms = (f: TestSpecification): number =>
      cache.getFileTestResults(`${f.project.name}:${relative(this.ctx.config.root, f.moduleId)}`)?.duration ??
      (SECONDS[basename(f.moduleId)] ?? UNKNOWN) * 1000;
    return [...files].sort((a, b) => ms(b) - ms(a));
  }
}
