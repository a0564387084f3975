/**
 * What an ending's text must and must not say after the decision-maker saw through a bluff
 * (shared by the engine test and the browser test of the Debrief).
 */

/** The text says the bluff was seen through. */
export const SAYS_CAUGHT =
  /s(aw|eeing) through|caught (out|bluffing|inventing)|wasn't real|knew it\b|noted it/i;

/**
 * Claims that the ask was honest, fitting or well judged: true of an honest close, false after a
 * caught bluff. Each is a phrase the library's endings for an honest next-stage ask use.
 */
export const CLAIMS_HONEST_ASK: RegExp[] = [
  /right size of (ask|close)/i,
  /\bfits\b|\bfitting\b/i,
  /shows you want the job/i,
  /it never hurts|costs nothing/i,
  /(clears|removes) any doubt/i,
  /that's not bad|it's progress|a good step|a safe result|real step forward|a real chance/i,
  /what this stage can give/i,
  /\bhonest (ask|close|request)\b/i,
];

/** The honest-ask claims `text` makes (empty when none). */
export function honestAskClaims(text: string): string[] {
  return CLAIMS_HONEST_ASK.flatMap((p) => {
    const m = text.match(p);
    return m ? [m[0]] : [];
  });
}
