const params = typeof location !== 'undefined' ? new URLSearchParams(location.search) : null;

/**
 * A setting for automated tests: `?fast` in the address skips the typewriter, fades and
 * cross-fades exactly as Reduced motion does, without touching the player's saved settings.
 */
export const FAST = params?.has('fast') ?? false;

/**
 * Automated tests draw with Phaser's Canvas renderer unless the address also says `webgl`:
 * headless Chromium without a GPU runs WebGL in software (SwiftShader), which costs about four
 * times the CPU of Canvas for the same picture (an idle Interview screen at 1280×720 and 12
 * frames a second: 0.51 against 0.14 CPU-seconds per second, summed over Chromium's processes
 * from /proc, 2026-11-30); the game draws only images, text and shapes, so both renderers give
 * the same picture (compared by screenshot). Players always get WebGL where the browser has it
 * (Phaser.AUTO).
 */
export const CANVAS = FAST && !params?.has('webgl');
