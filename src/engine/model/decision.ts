/**
 * The decision-maker model. Every judgement is a sum of named terms on the log-odds of the
 * outcome the candidate is after, starting from where the decision-maker stood; gates (no
 * authority, the stage, a shut door, the top of the band) then cap the chance. Each term keeps
 * a sentence, so the explanation is data the model produces, not text the interface assembles.
 * One attribution method serves every kind of response (`attribution.ts`).
 *
 * This file gathers the model's public entry points; each topic lives in its own file.
 */
export { EXPOSED, type Judgement, jointOf, largestRemainder } from './attribution';
export { judgeClose, pressureIrritation, timingGrade } from './close';
export { judgeAfterInterview } from './lean';
export {
  type CounterContext,
  counterAsk,
  judgeCounter,
  raisedOffer,
} from './negotiation';
export { doorChance, judgePersistence, persistIrritationGain } from './persistence';
export { clampSalary, openingOffer, roundSalary } from './salary';
export {
  asksForOffer,
  canOfferNow,
  exposeChanceOf,
  isFinal,
  type LeverageUse,
  openness,
  persistReading,
  poolShare,
  readiness,
  scarcity,
  stageGate,
} from './situation';
export {
  type Counterfactual,
  type CounterfactualSpec,
  clamp,
  type DecisionContext,
  keenWord,
  sigmoid,
} from './terms';
