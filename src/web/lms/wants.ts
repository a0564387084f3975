/**
 * Whether the launch URL asks for a learning platform, read without loading any LMS code (the
 * game's first paint imports only this). See docs/lms.md for the parameters.
 */
export type LaunchRequest =
  | { kind: 'scorm'; scenario: string | null; mastery: number | null }
  | { kind: 'cmi5'; scenario: string | null }
  | { kind: 'lrs'; scenario: string | null; config: string };

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function launchRequest(search: string): LaunchRequest | null {
  const q = new URLSearchParams(search);
  const s = q.get('scenario');
  const scenario = s && ID.test(s) ? s : null;
  if (q.get('lms') === 'scorm') {
    const m = Number.parseFloat(q.get('mastery') ?? '');
    return { kind: 'scorm', scenario, mastery: Number.isFinite(m) && m >= 0 && m <= 100 ? m : null };
  }
  if (['endpoint', 'fetch', 'actor', 'registration', 'activityId'].every((k) => q.get(k))) {
    return { kind: 'cmi5', scenario };
  }
  const config = q.get('xapi');
  if (config) return { kind: 'lrs', scenario, config };
  return null;
}
