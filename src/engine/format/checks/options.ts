import type { Locator } from '../parse';

export interface CheckOptions {
  /** Maps paths to positions; without it every problem is placed at line 1, column 1. */
  locator?: Locator;
  /** Called with a path relative to the project root (e.g. `assets/backdrops/cafe.svg`). */
  assetExists?: (relPath: string) => boolean;
  /** Lists a folder relative to the project root (e.g. `assets/backdrops`), so errors can name what exists. */
  assetList?: (relDir: string) => string[];
}
