import type { View } from '../../engine';

/** Scene keys of the screens a playthrough moves through. */
export type PlayScreen = 'Interview' | 'Response' | 'FollowUp' | 'Negotiation' | 'Debrief';

/**
 * Which screen shows a view. A response the player has not yet seen comes first
 * (`responseSeenStep` is the step at which the player last saw a response); otherwise the phase decides.
 */
export function screenFor(
  view: Pick<View, 'phase' | 'response' | 'step'>,
  responseSeenStep: number,
): PlayScreen {
  if (view.response && responseSeenStep < view.step) return 'Response';
  switch (view.phase) {
    case 'interview':
      return 'Interview';
    case 'follow-up':
      return 'FollowUp';
    case 'negotiation':
      return 'Negotiation';
    default:
      return 'Debrief';
  }
}

/** What a response led to, in words, for the Response screen's last line. */
export function ledTo(view: Pick<View, 'phase' | 'followUp' | 'negotiation'>): string {
  switch (view.phase) {
    case 'negotiation':
      return view.negotiation && view.negotiation.round > 1
        ? 'The negotiation goes on.'
        : 'An offer is on the table: time to talk terms.';
    case 'follow-up':
      return view.followUp
        ? `The days that follow: day ${view.followUp.day} of ${view.followUp.days}.`
        : 'The days that follow.';
    case 'interview':
      return 'The interview goes on.';
    default:
      return 'That settles it.';
  }
}
