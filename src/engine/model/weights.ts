/**
 * The decision-maker model's weights. Each is data with a default and a source: a study
 * from shared/design/model-research.md, or "authored assumption" where no study gives a
 * figure. Logit weights act on the log-odds of the outcome the candidate asked for.
 */
export interface Weight {
  value: number;
  source: string;
  note: string;
}

const w = (value: number, source: string, note: string): Weight => ({ value, source, note });
const AUTHORED = 'authored assumption';

export const WEIGHTS = {
  base: w(
    -0.4,
    AUTHORED,
    'Log-odds of a favourable answer to an average close from a neutral decision-maker.',
  ),
  keenness: w(
    4,
    'Barrick, Swider & Stewart 2010 (rapport ratings r = .42 with end ratings)',
    'Per unit of keenness above 0.5.',
  ),
  doubt: w(
    2.6,
    'employer poll, secondary: perceived lack of desire is a leading reason for rejection',
    'Log-odds lost per unit of doubt that remains.',
  ),
  doubtRemovedByAsk: w(
    0.8,
    'domain claim C8 (asking rules out doubt about commitment)',
    'Share of doubt a direct ask removes.',
  ),
  irritation: w(3, 'reactance meta-analysis: anger lowers persuasion r = −.23', 'Per unit of irritation.'),
  rapport: w(1, 'Higgins & Judge 2004 (ingratiation raises perceived fit)', 'Per unit of rapport above 0.3.'),
  momentOpening: w(
    -1.2,
    'Frieder et al. 2016 (only ~5% decide in the first minute, ~30% within five)',
    'A close in the opening minutes.',
  ),
  momentMiddle: w(-0.4, 'Frieder et al. 2016 (~60% decided by minute 15)', 'A close mid-interview.'),
  momentClosing: w(0.4, 'Frieder et al. 2016 (~78% decided by the end)', 'A close in the closing minutes.'),
  premature: w(
    3,
    'domain claim C4; Rackham (closing hurt high-value sales 42% → 33%, secondary)',
    'Asking for the job while the process is far from complete, scaled by process orientation.',
  ),
  readyAsk: w(
    0.7,
    'domain claims C4 and C13',
    'Asking for the job once the process is complete, scaled by attunement.',
  ),
  statementOfIntent: w(
    0.5,
    'domain claim C10',
    'A statement of intent over an outright question, scaled by attunement.',
  ),
  nextStageFit: w(0.8, 'domain claim C5', 'Asking for the next stage when there is one.'),
  nextStageNone: w(-0.3, AUTHORED, 'Asking for a next stage when this is the final one.'),
  tentativeForm: w(-0.5, AUTHORED, 'A tentative question about next steps asks for little.'),
  deliveryFirm: w(0.3, 'domain claim C9', 'Firm and professional; plus attunement × deliveryFirmAttuned.'),
  deliveryFirmAttuned: w(0.7, 'domain claim C9', 'Extra for a firm delivery to an attuned decision-maker.'),
  deliveryTentative: w(-0.2, AUTHORED, 'A tentative delivery undersells the ask.'),
  deliveryPushy: w(
    -0.6,
    'reactance meta-analysis (reactance r = .20)',
    'Pushy; minus process orientation × deliveryPushyProcess.',
  ),
  deliveryPushyProcess: w(
    -1.6,
    'reactance meta-analysis; Rackham (professional buyers react against closing)',
    'Extra penalty for pushiness per unit of process orientation.',
  ),
  deliveryDesperate: w(-0.9, AUTHORED, 'Desperation signals low alternatives and low confidence.'),
  deliveryDesperateProcess: w(
    -1.2,
    AUTHORED,
    'Extra penalty for desperation per unit of process orientation.',
  ),
  pointWhyUs: w(
    0.5,
    'Higgins & Judge 2004; domain claim C12',
    'Each why-this-organisation point (at most two count).',
  ),
  pointReason: w(
    0.45,
    'Proost et al. (self-promotion with ingratiation rates best); C12',
    'Each compelling reason (at most two count).',
  ),
  leverage: w(
    1.6,
    'Worchel et al. 1975 (scarcity caused by others’ demand); Brett et al. 1996',
    'Per unit of keenness above 0.55, times two, for a real offer.',
  ),
  leverageInterview: w(0.6, AUTHORED, 'Other interviews weigh this share of a real offer.'),
  bluffExposed: w(-1.5, AUTHORED, 'A bluff seen through costs credibility.'),
  believedOptions: w(
    0.8,
    'domain claim C13',
    'Belief that the candidate has other options, when the decision-maker is keen.',
  ),
  commit: w(0.5, 'domain claims C2 and C13', 'Committing to accept removes the risk of a refused offer.'),
  commercial: w(
    0.4,
    'domain claims C1 and C6; ordering 10',
    'Share of the ask’s benefits that depends on how commercial the role is.',
  ),
  readiness: w(
    1,
    'Bruine de Bruin 2005 (last performers win about twice as often)',
    'Per unit of process readiness above 0.5.',
  ),
  previousCandidate: w(
    0.3,
    'Radbruch & Schiprowski 2024 (previous candidate weighs ~3× an average other)',
    'Contrast with the candidate just before.',
  ),
  vacancies: w(
    0.8,
    'vacancy pressure: managers behind quota rate recruits higher (textbook, no figures)',
    'More vacancies than candidates.',
  ),
  deadline: w(0.3, AUTHORED, 'A hiring deadline within two weeks.'),
  persistBase: w(-3, AUTHORED, 'Log-odds that a decision-maker concedes to one act of persistence.'),
  persistAttunement: w(2.2, 'domain claim C7', 'Attuned decision-makers read persistence as commitment.'),
  persistScarcity: w(
    1.5,
    'domain claim C7 (when few other candidates remain)',
    'Per unit of candidate scarcity.',
  ),
  persistCumulative: w(0.45, 'domain claim C7', 'Each earlier act adds this, times attunement and scarcity.'),
  persistProcess: w(
    -1.5,
    'domain claim C7 (it backfires with other decision-makers)',
    'Per unit of process orientation.',
  ),
  persistIrritation: w(-2.5, 'reactance meta-analysis', 'Per unit of irritation.'),
  persistIrritationGain: w(0.06, AUTHORED, 'Irritation added per unit of intensity, growing with each act.'),
  doorClosed: w(6, AUTHORED, 'Log-odds slope of shutting the door as irritation rises.'),
  commitSalaryShare: w(
    0.35,
    'Marks & Harold (negotiators gained ~$5,000); O’Shea & Bush 2002',
    'Share of the band an on-the-spot acceptance gives up against the keen opening.',
  ),
  counterRaise: w(0.14, 'Marks & Harold; O’Shea & Bush 2002', 'Share of the band a counter-offer wins.'),
  counterLeverageRaise: w(
    0.22,
    'Brett, Pinkley & Jackofsky 1996 (an alternative gains more)',
    'Share of the band a counter citing a real option wins.',
  ),
  rescind: w(
    0.03,
    'Hart, Bear & Ren 2024 (~6% of offers rescinded after negotiation)',
    'Chance per counter that the offer is withdrawn, before irritation.',
  ),
} as const satisfies Record<string, Weight>;

export type WeightName = keyof typeof WEIGHTS;
export const weight = (name: WeightName): number => WEIGHTS[name].value;
