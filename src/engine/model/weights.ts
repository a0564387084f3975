/**
 * Every number that shapes a decision-maker's response, an outcome split, a salary, the
 * persistence curve or the score. Each is data with a source: a study from
 * shared/design/model-research.md with the conversion used to turn its figure into this value,
 * a domain claim (shared/design/domain.md) whose size is authored, or "authored assumption"
 * with the reason. docs/model.md explains them for trainers.
 *
 * Logit weights act on the log-odds of the outcome the candidate is after. The model code
 * itself holds no other numbers (a unit test scans it).
 */
export interface Weight {
  value: number;
  /** A study, a domain claim, or "authored assumption: <reason>". */
  source: string;
  /** What the value does. */
  note: string;
  /** For a study: how its published figure became this value. */
  conversion?: string;
}

const AUTHORED = 'authored assumption';
const w = (value: number, source: string, note: string, conversion?: string): Weight =>
  conversion === undefined ? { value, source, note } : { value, source, note, conversion };
const authored = (value: number, reason: string, note: string): Weight =>
  w(value, `${AUTHORED}: ${reason}`, note);

/** Correlation r → Cohen's d = 2r/√(1−r²) → log odds ratio = d·π/√3 (Hasselblad & Hedges). */
export const logOddsFromR = (r: number): number =>
  ((2 * r) / Math.sqrt(1 - r * r)) * (Math.PI / Math.sqrt(3));
/** The log-odds of a proportion. */
export const logit = (p: number): number => Math.log(p / (1 - p));
/**
 * A hidden state runs 0–1; the model reads that range as two standard deviations of the rated
 * quantity, so a per-SD log odds ratio is doubled to give the weight per unit.
 */
const UNIT_IN_SD = 2;
const R_TO_LOR = 'r → d = 2r/√(1−r²) → log odds ratio = d·π/√3, × 2 because the 0–1 state spans two SDs';

export const WEIGHTS = {
  // ---------------------------------------------------------------- the decision-maker's lean
  base: authored(
    -0.4,
    'a neutral decision-maker slightly prefers not to commit to an average candidate (40%)',
    'Log-odds of a favourable answer from a neutral decision-maker before anything else counts.',
  ),
  keenness: authored(
    4,
    'keenness is the decision-maker’s own lean: 0 to 1 spans roughly 12% to 88% on its own',
    'Log-odds per unit of keenness above keennessPivot.',
  ),
  keennessPivot: authored(
    0.5,
    'the middle of the scale is neither keen nor cool',
    'Keenness that neither helps nor hurts.',
  ),
  doubt: authored(
    3,
    'an employer poll (secondary, low quality) names lack of desire as a leading reason for rejection (C8); the size is authored so that full doubt outweighs a keen lean',
    'Log-odds lost per unit of doubt about the candidate’s commitment.',
  ),
  doubtRemovedByAsk: authored(
    0.8,
    'domain claim C8 (asking removes doubt about commitment); the share is authored',
    'Share of doubt the most direct ask clears; other forms clear it in proportion to their directness.',
  ),
  irritation: w(
    -logOddsFromR(0.23) * UNIT_IN_SD,
    'reactance meta-analysis: anger lowers persuasion, r = −.23',
    'Log-odds per unit of irritation.',
    R_TO_LOR,
  ),
  rapport: w(
    logOddsFromR(0.22) * UNIT_IN_SD,
    'Barrick, Swider & Stewart 2010: opening rapport ratings correlate r = .22 with offers',
    'Log-odds per unit of rapport above rapportPivot.',
    R_TO_LOR,
  ),
  rapportPivot: authored(
    0.3,
    'ordinary politeness builds some rapport',
    'Rapport that neither helps nor hurts.',
  ),

  // ---------------------------------------------------------------- moment in the interview
  momentOpening: w(
    logit(0.3) - logit(0.78),
    'Frieder et al. 2016: ~30% of interviewers have decided within five minutes, ~78% by the end',
    'A close in the opening minutes, against the same close at the end.',
    'logit(share decided by then) − logit(share decided by the end) = logit(.30) − logit(.78)',
  ),
  momentMiddle: w(
    logit(0.6) - logit(0.78),
    'Frieder et al. 2016: ~60% have decided by minute 15',
    'A close mid-interview, against the same close at the end.',
    'logit(.60) − logit(.78)',
  ),
  momentClosing: authored(
    0,
    'the end of the interview is the reference moment',
    'A close in the closing minutes.',
  ),
  momentSmallAsk: authored(
    0.5,
    'asking only for the next step needs less of a formed view than asking for the job',
    'Share of the moment term that applies to forms that do not ask for the job.',
  ),

  // ---------------------------------------------------------------- the hiring process
  premature: authored(
    2.5,
    'domain claim C4 (an outright ask early in a long process is premature); sized so a first-round ask before a panel does worse than asking for the next stage (ordering 2)',
    'Log-odds lost asking for the job with the process incomplete, × (1 − readiness) × (prematureProcessBase + process orientation).',
  ),
  prematureProcessBase: authored(
    0.5,
    'even a flexible decision-maker notices an early ask',
    'Process-orientation floor of the premature term.',
  ),
  readyAsk: authored(
    0.7,
    'domain claims C4 and C13 (asking fits the end of the process); size authored',
    'Asking for the job once the process is complete, × readiness × attunement.',
  ),
  readiness: w(
    Math.log(2),
    'Bruine de Bruin 2005: the last performers win about twice as often as the first',
    'Log-odds per unit of process readiness above readinessPivot.',
    'a doubling of the winning rate read as an odds ratio of 2: ln 2',
  ),
  readinessPivot: authored(
    0.5,
    'half-way through the process is the reference',
    'Readiness that neither helps nor hurts.',
  ),
  earlyStageProgress: authored(
    0.6,
    'before the final stage, having seen the pool still leaves a stage to come',
    'How much of readiness seeing candidates gives before the final stage.',
  ),
  previousCandidate: authored(
    0.3,
    'Radbruch & Schiprowski 2024 show the previous candidate weighs ~3× an average other but give no effect on offers here',
    'Contrast with the candidate just before.',
  ),
  vacancies: authored(
    1.2,
    'vacancy pressure is documented (managers behind quota rate recruits higher) but the summary has no figures',
    'Log-odds per unit of openness when there are more vacancies than candidates to see.',
  ),
  opennessShown: authored(
    0.5,
    'vacancies count once at least half the remaining candidates would be hired',
    'Openness from which the vacancies term applies.',
  ),
  deadline: authored(
    0.3,
    'a near deadline adds urgency; no study gives a size',
    'A hiring deadline within deadlineDays.',
  ),
  deadlineDays: authored(
    14,
    'two weeks is a short hiring horizon',
    'Days within which a deadline adds urgency.',
  ),

  // ---------------------------------------------------------------- the close itself
  statementOfIntent: authored(
    0.5,
    'domain claim C10 (a statement of intent is the strongest close); size authored',
    'A statement of intent over an outright question, × attunement.',
  ),
  nextStageFit: authored(
    0.8,
    'domain claim C5 (asking for the next stage fits almost anywhere); size authored',
    'Asking for the next stage when there is one.',
  ),
  nextStageNone: authored(
    -0.3,
    'there is no next stage to ask for at the final stage',
    'Asking for a next stage at the final stage.',
  ),
  tentativeForm: authored(
    -0.5,
    'a tentative question about next steps asks for little',
    'A tentative question.',
  ),
  directnessStatement: authored(1, 'the most direct form', 'Directness of a statement of intent.'),
  directnessOutright: authored(0.9, 'a question leaves a little room', 'Directness of an outright ask.'),
  directnessNextStage: authored(
    0.6,
    'asks for a step, not the job',
    'Directness of asking for the next stage or shortlist.',
  ),
  directnessTentative: authored(0.25, 'barely an ask', 'Directness of a tentative question.'),
  deliveryFirm: authored(
    0.3,
    'domain claim C9 (a confident delivery lands); size authored',
    'A firm, professional delivery.',
  ),
  deliveryFirmAttuned: authored(
    0.7,
    'domain claim C9 (most with decision-makers who asked for their own jobs)',
    'Extra for a firm delivery, × attunement.',
  ),
  deliveryTentative: authored(-0.2, 'a tentative delivery undersells the ask', 'A tentative delivery.'),
  deliveryPushy: w(
    -logOddsFromR(0.2),
    'reactance meta-analysis: freedom-threatening language raises reactance, r = .20',
    'A pushy delivery.',
    'r → d → log odds ratio (per SD of pressure, the gap between a professional and a pushy delivery)',
  ),
  deliveryPushyProcess: authored(
    -1.2,
    'Rackham, SPIN Selling (secondary) gives the direction: closing techniques cut high-value sales from 42% to 33% (logit(.33) − logit(.42) = −0.39 for closing of any kind); a pushy delivery is the most heavy-handed close, so the size per unit of process orientation is authored about three times larger',
    'Extra penalty for pushiness, × process orientation.',
  ),
  deliveryPushyAttuned: authored(
    0.3,
    'domain claim C9: attuned decision-makers forgive some pressure',
    'Pushiness forgiven, × attunement.',
  ),
  deliveryDesperate: authored(
    -0.9,
    'desperation signals low alternatives and low confidence',
    'A desperate delivery.',
  ),
  deliveryDesperateProcess: authored(
    -1.2,
    'a process-bound panel reads desperation as a risk',
    'Extra penalty for desperation, × process orientation.',
  ),
  pointWhyUs: authored(
    0.5,
    'Higgins & Judge 2004 (ingratiation raises perceived fit) and claim C12; no effect size given',
    'Each why-this-organisation point.',
  ),
  pointReason: authored(
    0.45,
    'Proost et al. (self-promotion with ingratiation rates best) and claim C12; no effect size given',
    'Each compelling reason.',
  ),
  pointsCounted: authored(
    2,
    'claim C12 speaks of one or two reasons; more add nothing',
    'Most points of each kind that count.',
  ),
  pointScaleBase: authored(
    0.6,
    'points support any ask',
    'Share of a point’s weight for the least direct form.',
  ),
  pointScaleDirect: authored(
    0.4,
    'points matter most behind a direct ask',
    'Extra share of a point’s weight, × directness.',
  ),
  leverage: authored(
    3.2,
    'Worchel et al. 1975 (scarcity caused by others’ demand raises desirability) with no effect size; Brett et al. 1996 add that alternatives also raise impasses, hence the sign change for a lukewarm decision-maker',
    'Log-odds per unit of keenness above leveragePivot, for another offer.',
  ),
  leveragePivot: authored(
    0.55,
    'leverage helps only when they already want the candidate',
    'Keenness at which leverage neither helps nor hurts.',
  ),
  leverageInterview: authored(
    0.6,
    'other interviews are weaker than an offer in hand',
    'Share of an offer’s leverage that other interviews carry.',
  ),
  bluffExposed: authored(
    -1.5,
    'a lie seen through costs credibility',
    'Log-odds of a close whose bluff is seen through.',
  ),
  defaultExposeChance: authored(
    0.5,
    'the schema’s default: a claimed offer is as likely checked as not',
    'Chance a bluff is seen through when the scenario does not say.',
  ),
  minExposeChance: authored(
    0.1,
    'any claimed offer can be checked with one phone call',
    'The lowest chance of exposure the model uses.',
  ),
  believedOptions: authored(
    0.8,
    'domain claim C13 (belief in other options speeds a keen decision-maker)',
    'Per unit of believed options above believedOptionsPivot, when keen.',
  ),
  believedOptionsPivot: authored(
    0.3,
    'a little belief in other options is the norm',
    'Belief that neither helps nor hurts.',
  ),
  commit: authored(
    1.2,
    'domain claims C2, C10 and C13: an offer that cannot be refused is safe to make, and the candidate who can accept on the spot "has much to gain" (issue 17); its price is the negotiation it gives up (C3, forgoneNegotiation)',
    'Committing to accept on the spot.',
  ),
  commercial: authored(
    0.4,
    'domain claims C1, C6 and ordering 10: closing helps outside sales, but less',
    'Share of the ask’s benefits that depends on how commercial the role is.',
  ),
  closeReach: authored(
    2,
    'a move turns interest into a decision but cannot create interest: its own terms together add at most closeReach × the odds of keenness (k / (1 − k)) log-odds: 2 at keenness 0.5 (as before), nothing at 0, barely a limit for a keen decision-maker',
    'Most a single move’s own terms can add, per unit of the odds of keenness.',
  ),
  reachKeenCap: authored(
    0.01,
    'numerical: keenness above 0.99 is read as 0.99 so the reach stays finite',
    'How close to 1 keenness counts in the reach.',
  ),
  firstMinuteDecided: w(
    0.05 / 0.78,
    'Frieder et al. 2016: about 5% of interviewers decide in the first minute, about 78% by the end',
    'Before any answer, the share of a close’s favourable answer that can be given: only those who decide in the first minute have a view to act on.',
    'share decided in the first minute ÷ share decided by the end = .05 / .78',
  ),
  momentFirstMinute: w(
    logit(0.05) - logit(0.78),
    'Frieder et al. 2016: about 5% of interviewers decide in the first minute, about 78% by the end',
    'The timing grade of a close before any answer, against the same close at the end.',
    'logit(share decided by then) − logit(share decided by the end) = logit(.05) − logit(.78)',
  ),
  attributionSteps: authored(
    64,
    'numerical: steps of the path integral behind each factor (the sum is rescaled to be exact)',
    'How finely the attribution samples the path from nothing to the full judgement.',
  ),
  midpoint: authored(
    0.5,
    'numerical: the midpoint rule samples each step at its middle',
    'Where in a step the path is sampled.',
  ),

  // ---------------------------------------------------------------- chances and gates
  chanceFloor: authored(
    0.03,
    'no answer is certain without a gate (issue #8)',
    'Lowest chance shown without a gate.',
  ),
  chanceCeiling: authored(
    0.97,
    'no answer is certain without a gate (issue #8)',
    'Highest chance shown without a gate.',
  ),
  rejectBase: authored(
    -1,
    'most no’s are "not yet" rather than "never"',
    'Log-odds that a no is a rejection rather than no decision.',
  ),
  rejectIrritation: authored(3, 'irritated decision-makers close the matter', 'Per unit of irritation.'),
  rejectCool: authored(2, 'cool decision-makers close the matter', 'Per unit of keenness below rejectPivot.'),
  rejectPivot: authored(
    0.4,
    'below this keenness a no leans to rejection',
    'Keenness pivot of the rejection split.',
  ),
  silentHold: authored(
    0.5,
    'left alone, half the undecided stay undecided',
    'Share of a silent no that is "no decision yet".',
  ),

  // ---------------------------------------------------------------- persistence after a no
  persistBase: authored(
    -3,
    'a typical decision-maker rarely reverses a no for one follow-up (about 5%)',
    'Log-odds that one act of persistence wins.',
  ),
  persistAttunement: authored(
    2.2,
    'domain claim C7: attuned owner-managers read persistence as commitment',
    'Per unit of attunement.',
  ),
  persistScarcity: authored(
    1.5,
    'domain claim C7: persistence works best when candidates are thin on the ground, and with a full pipeline it reads as pressure',
    'Per unit of how persistence reads from the pool (persistReading: scarcity while the pool is neutral or scarce, negative once candidates are plentiful).',
  ),
  persistCumulative: authored(
    1.4,
    'domain claim C7: they eventually concede, reading it as loyalty when candidates are scarce; with plenty of others the same repetition reads as pressure',
    'Per earlier act, × attunement × persistReading (negative when candidates are plentiful), saturating.',
  ),
  persistSaturation: authored(
    4,
    'determination shown by coming back stops growing after a handful of acts',
    'Acts at which the determination term reaches half its limit.',
  ),
  reachSharpness: authored(
    4,
    'the limit barely touches a close to a keen decision-maker and binds hard on a cold one',
    'Exponent of the soft limit on a close’s reach.',
  ),
  persistProcess: authored(
    -2,
    'domain claim C7: with other decision-makers it backfires',
    'Per unit of process orientation.',
  ),
  persistIrritation: authored(
    -2.5,
    'repetition is the pressure itself, so irritation weighs more than in a close',
    'Per unit of irritation after the act.',
  ),
  persistDoubtReach: authored(
    0.5,
    'coming back is itself evidence of commitment (C7, C8), so doubt about it limits what persistence can do only half as much as keenness does: at full doubt the reach is halved',
    'Share of the doubt that shrinks the reach of persistence.',
  ),
  persistIrritationGain: authored(
    0.03,
    'one polite note barely irritates',
    'Irritation per unit of intensity of a first act.',
  ),
  persistRepeatGrowth: authored(
    3,
    'each repetition irritates more than the last',
    'Growth of irritation per earlier act.',
  ),
  patienceSlack: authored(
    1.2,
    'even the most patient tire',
    'Irritation scales with (patienceSlack − patience).',
  ),
  persistProcessIrritation: authored(
    0.5,
    'process-bound people are irritated by being pushed off their process',
    'Floor of the process-orientation multiplier on irritation.',
  ),
  persistScarcityCalm: authored(
    1,
    'when they need candidates they are more tolerant; with a full pipeline being chased is an imposition (twice the irritation as scarcity approaches 0); sized for ordering 9',
    'Irritation is × (1 + persistScarcityCalm × (1 − scarcity)).',
  ),
  persistDoubtCleared: authored(
    0.1,
    'persistence shows commitment to attuned decision-makers',
    'Doubt cleared per act, × attunement.',
  ),
  doorSlope: authored(
    10,
    'the door shuts over a narrow band of irritation',
    'Log-odds slope of shutting the door per unit of irritation.',
  ),
  doorThreshold: authored(
    0.35,
    'irritation at which an impatient decision-maker is as likely to shut the door as not',
    'Irritation at the door’s midpoint, for patience 0.',
  ),
  doorPatience: authored(
    0.4,
    'patient decision-makers take more before shutting the door',
    'Extra threshold per unit of patience.',
  ),
  seenStillInRunning: authored(
    0.5,
    'about half of the candidates already seen remain real alternatives',
    'Share of seen candidates that still compete.',
  ),
  scarcityHalf: authored(
    4,
    'four real alternatives per place make candidates neither scarce nor plentiful',
    'Competing candidates per vacancy at which scarcity is one half.',
  ),

  // ---------------------------------------------------------------- salary and negotiation
  openingShare: authored(
    0.25,
    'a first offer starts a quarter of the way up the band',
    'Share of the band in a first offer from a cool decision-maker.',
  ),
  openingKeen: authored(
    0.35,
    'a keen decision-maker opens higher',
    'Extra share of the band per unit of keenness.',
  ),
  negotiationGain: w(
    0.07,
    'Marks & Harold 2011: new hires who negotiated gained about $5,000; O’Shea & Bush 2002: graduates more than $1,500',
    'Share of the offer that negotiating typically gains, and so what an on-the-spot acceptance gives up (C3).',
    '$5,000 against an assumed typical salary of about $70,000 (authored; the summary gives no base salary) ≈ 7%',
  ),
  counterStep: authored(
    0.5,
    'two counters typically reach the negotiated gain',
    'Share of negotiationGain one counter asks for at most.',
  ),
  counterLeverageStep: authored(
    1.5,
    'Brett, Pinkley & Jackofsky 1996: negotiators with an alternative gain more; no ratio given',
    'How much more a counter citing a real option wins.',
  ),
  counterBase: authored(
    1.2,
    'most employers have some room on a first counter',
    'Log-odds that a counter wins something.',
  ),
  counterKeen: authored(3, 'keen employers stretch', 'Per unit of keenness above keennessPivot.'),
  counterLeverage: authored(
    0.8,
    'Brett et al. 1996: an alternative gains more',
    'A counter citing another option that they believe.',
  ),
  counterIrritation: authored(-2, 'irritated employers dig in', 'Per unit of irritation.'),
  counterGap: authored(
    -1.5,
    'the further the ask from the offer, the harder the yes',
    'Per unit of (ask − offer) / band.',
  ),
  counterRound: authored(-0.4, 'each further counter meets more resistance', 'Per earlier counter.'),
  brokenPromise: authored(
    -1.5,
    'haggling after promising to accept on the spot breaks trust (C3)',
    'Log-odds of a counter after a commitment.',
  ),
  rescind: w(
    0.03,
    'Hart, Bear & Ren 2024: about 6% of offers are rescinded after negotiation',
    'Chance per counter that the offer is withdrawn, before anything else.',
    '6% spread over the two counters a typical negotiation makes',
  ),
  rescindIrritation: authored(
    0.3,
    'irritation makes withdrawal likelier, growing with its square',
    'Per unit of irritation squared.',
  ),
  rescindLukewarmLeverage: authored(
    0.08,
    'Brett et al. 1996: alternatives plus pressure raise impasses',
    'Extra chance when leverage is cited to a lukewarm employer.',
  ),
  rescindBrokenPromise: authored(
    0.12,
    'a broken promise makes some employers walk away',
    'Extra chance for a counter after a commitment.',
  ),
  rescindBluffExposed: authored(
    0.35,
    'a caught lie in negotiation often ends it',
    'Extra chance when a bluffed option is seen through.',
  ),
  brokenPromiseIrritation: authored(
    0.15,
    'haggling after a promise irritates',
    'Irritation added by a counter after a commitment.',
  ),
  brokenPromiseDoubt: authored(
    0.1,
    'it makes them doubt your word',
    'Doubt added by a counter after a commitment.',
  ),
  salaryStep: authored(250, 'salaries are quoted in round sums', 'Offers round to this step.'),

  // ---------------------------------------------------------------- what a close does to them
  pushyIrritation: authored(
    0.12,
    'reactance: pressure irritates',
    'Irritation added by a pushy or desperate close.',
  ),
  pushyIrritationProcess: authored(
    0.15,
    'process-bound people are irritated more',
    'Extra irritation per unit of process orientation.',
  ),
  exposedIrritation: authored(0.2, 'a caught lie angers', 'Irritation added when a bluff is seen through.'),
  exposedDoubt: authored(
    0.1,
    'a caught lie raises doubt about everything said',
    'Doubt added when a bluff is seen through.',
  ),
  exposedKeenness: authored(
    -0.1,
    'trust lost lowers the lean',
    'Keenness change when a bluff is seen through.',
  ),
  believedOffer: authored(
    0.9,
    'a stated offer is believed',
    'Belief in other options after mentioning an offer.',
  ),
  believedInterview: authored(
    0.6,
    'other interviews are believed less firmly',
    'Belief in other options after mentioning interviews.',
  ),
  preparedKeenness: authored(
    0.05,
    'domain claim C12: saying why this organisation and giving a reason to hire are things learned about the candidate, so they outlast the answer; one step of the hidden state per kind said',
    'Keenness a close adds for each kind of point it makes (why us, a reason), whatever the answer.',
  ),
  successWarmth: authored(
    0.05,
    'a yes given warms the one who gave it',
    'Keenness added by a favourable answer.',
  ),

  // ---------------------------------------------------------------- professionalism (0–100)
  profStart: authored(70, 'a candidate starts as reasonably professional', 'Professionalism at the start.'),
  profFirm: authored(15, 'a firm, professional close is professional', 'Change for a firm delivery.'),
  profTentative: authored(0, 'neutral', 'Change for a tentative delivery.'),
  profPushy: authored(-25, 'pressure is unprofessional', 'Change for a pushy delivery.'),
  profPushyProcess: authored(
    -20,
    'most of all before a process-bound panel',
    'Extra change per unit of process orientation.',
  ),
  profDesperate: authored(-30, 'desperation is unprofessional', 'Change for a desperate delivery.'),
  profBluff: authored(
    -20,
    'honesty is part of professionalism, caught or not',
    'Change for citing an option that does not exist.',
  ),
  profBluffExposed: authored(
    -30,
    'a caught lie is the worst look',
    'Further change when the bluff is seen through.',
  ),
  profBrokenPromise: authored(
    -15,
    'going back on one’s word',
    'Change for countering after committing to accept.',
  ),
  profStrong: authored(4, 'a strong answer', 'Change for a choice marked strong.'),
  profWeak: authored(
    -6,
    'a weak answer hurts more than a strong one helps',
    'Change for a choice marked weak.',
  ),

  // ---------------------------------------------------------------- timing judgement (0–100)
  timingBase: authored(
    1,
    'a well-timed close grades about 75 before its fit',
    'Log-odds of the timing grade before the timing terms.',
  ),
  timingScale: authored(
    1,
    'one log-odds of timing terms is one log-odds of grade',
    'Slope of the timing grade on the timing terms.',
  ),
  noCloseTiming: authored(
    30,
    'never asking leaves the timing to them: a poor but not the worst judgement',
    'Timing grade when the candidate never closed.',
  ),

  // ---------------------------------------------------------------- score
  outcomeWeight: authored(
    0.45,
    'the outcome dominates the score (issue #8)',
    'Share of the total for the outcome.',
  ),
  termsWeight: authored(0.15, 'salary against target', 'Share of the total for the terms.'),
  timingWeight: authored(0.15, 'timing judgement', 'Share of the total for timing.'),
  professionalismWeight: authored(
    0.15,
    'answers, delivery and honesty',
    'Share of the total for professionalism.',
  ),
  relationshipWeight: authored(
    0.1,
    'how they feel about you now',
    'Share of the total for the relationship.',
  ),
  valueOfferNow: authored(100, 'the job, at once', 'Outcome score of an offer on the spot.'),
  valueOfferLater: authored(
    92,
    'the job, a little later and less certain',
    'Outcome score of an offer after the interview.',
  ),
  valueNextStage: authored(72, 'through to the next stage', 'Outcome score of the next stage.'),
  valueShortlisted: authored(
    72,
    'through to the next stage, which here is the shortlist',
    'Outcome score of the shortlist.',
  ),
  valueNoDecision: authored(35, 'still in the running', 'Outcome score of no decision yet.'),
  valueWithdrawn: authored(20, 'the candidate walked away', 'Outcome score of withdrawing.'),
  valueRejection: authored(10, 'turned down', 'Outcome score of a rejection.'),
  valueRescinded: authored(5, 'an offer lost', 'Outcome score of an offer withdrawn.'),
  doorShutOutcome: authored(
    10,
    'a shut door is worse than a plain no: it will not reopen',
    'Outcome points lost when the door was shut.',
  ),
  doorShutRelationship: authored(
    0.4,
    'a shut door keeps little of the relationship',
    'Share of the relationship left when the door was shut.',
  ),
  relIrritation: authored(
    0.5,
    'calm matters most to a relationship',
    'Relationship share from the absence of irritation.',
  ),
  relRapport: authored(0.3, 'rapport', 'Relationship share from rapport.'),
  relKeenness: authored(0.2, 'their regard', 'Relationship share from keenness.'),
  neutralTerms: authored(
    50,
    'no salary agreed is neither good nor bad terms',
    'Terms score without a salary.',
  ),

  // ---------------------------------------------------------------- memory and rounding
  hiddenStep: authored(
    0.01,
    'the hidden state is kept to two decimals',
    'Precision of the hidden state during the interview.',
  ),
  memoryStep: authored(
    0.05,
    'after the interview they remember in broad strokes',
    'Precision of the hidden state after the interview.',
  ),
  professionalismStep: authored(
    5,
    'after the interview professionalism is remembered in steps',
    'Precision of professionalism after the interview.',
  ),
  timingStep: authored(5, 'the timing grade is given in steps of five', 'Precision of the timing grade.'),
  percent: authored(100, 'chances are shown in whole percentage points', 'Points per unit of chance.'),
  expectedQuantile: authored(
    0.5,
    'expected mode takes the median outcome, best first',
    'Quantile that expected mode resolves at.',
  ),
  counterfactualMinimum: authored(
    0.01,
    'a counterfactual that changes the chance by less than one point teaches nothing',
    'Smallest change in chance a counterfactual must make to be shown.',
  ),
  counterfactualsShown: authored(4, 'four alternatives fit on the debrief', 'Most counterfactuals shown.'),
  tolerance: authored(1e-9, 'floating-point noise', 'Differences below this count as none.'),
} as const satisfies Record<string, Weight>;

export type WeightName = keyof typeof WEIGHTS;
/**
 * Every value by name, in a Map: the model reads weights by name on every judgement, and a Map
 * finds a string key faster than a keyed load from an object this large.
 */
const VALUES = new Map<string, number>(Object.entries(WEIGHTS).map(([k, v]) => [k, v.value]));
export const weight = (name: WeightName): number => VALUES.get(name)!;

/**
 * One vocabulary of thresholds for the words a factor uses, so a sentence never contradicts
 * its number (authored assumption: the words a trainer would use).
 */
export const WORDS = {
  /** Keenness from which they are "keen". */
  keen: 0.6,
  /** Keenness up to which they are "lukewarm". */
  lukewarm: 0.4,
  /** Doubt from which they "doubted" the candidate. */
  doubting: 0.3,
  /** Irritation from which they were "irritated". */
  irritated: 0.2,
  /** Rapport from which there was "rapport". */
  rapport: 0.5,
  /** Scarcity from which candidates were "scarce". */
  scarce: 0.5,
  /** Attunement from which they "like candidates who ask". */
  attuned: 0.6,
  /** Process orientation from which they "follow a process". */
  processBound: 0.6,
  /** Authority below which "the decision goes through others". */
  noAuthority: 0.5,
  /** Believed options from which they "believe you have other options". */
  believesOptions: 0.5,
  /** Points (in percentage points) from which a factor "helped a lot" or "hurt a lot". */
  large: 10,
} as const;

/** Faces by hidden state (authored assumption: what each level looks like). */
export const FACES = {
  irritated: 0.4,
  impressedKeenness: 0.75,
  impressedDoubt: 0.3,
  scepticalDoubt: 0.55,
  scepticalKeenness: 0.3,
  warmRapport: 0.55,
  warmKeenness: 0.5,
  interestedKeenness: 0.6,
  thinkingDoubt: 0.4,
} as const;
