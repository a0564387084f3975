/**
 * A setting for automated tests: `?fast` in the address skips the typewriter, fades and
 * cross-fades exactly as Reduced motion does, without touching the player's saved settings.
 */
export const FAST = typeof location !== 'undefined' && new URLSearchParams(location.search).has('fast');
