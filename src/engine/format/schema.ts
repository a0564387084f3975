/**
 * Scenario format v1: the single source of truth.
 *
 * TypeScript types are inferred from these schemas and `scenarios/scenario.schema.json`
 * is generated from them (`npm run schema`). Every field carries a description so that an
 * author's editor can explain it while they type.
 */
import { z } from 'zod';
import { ENGINE_VARS, engineVarsDoc } from './engine-vars';

export const FORMAT_VERSION = 1 as const;

const id = (what: string) =>
  z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9-]*$/,
      'use lower-case letters, digits and hyphens, starting with a letter or digit',
    )
    .max(64)
    .describe(
      `Stable id of ${what}: lower-case letters, digits and hyphens. Saves and reports key on it, so never rename it once published.`,
    );

const unit = (what: string) => z.number().min(0).max(1).describe(what);

export const EXPRESSIONS = [
  'neutral',
  'interested',
  'sceptical',
  'impressed',
  'irritated',
  'warm',
  'thinking',
] as const;
export const Expression = z
  .enum(EXPRESSIONS)
  .describe('A named facial expression of a decision-maker portrait.');

export const DECISION_MAKER_KINDS = [
  'owner-manager',
  'ceo',
  'sales-director',
  'hiring-manager',
  'hr-panel',
  'recruiter',
  'coo',
  'founder',
  'department-head',
  'board',
] as const;

export const CLOSE_FORMS = [
  'statement-of-intent',
  'outright-ask',
  'next-stage',
  'shortlist',
  'tentative',
] as const;
export const CloseForm = z
  .enum(CLOSE_FORMS)
  .describe(
    'How the candidate closes: a statement of intent ("I want this job; offer it and I will accept"), an outright ask, an ask for the next stage (second interview), an ask to be shortlisted, or a tentative question about next steps.',
  );

export const DELIVERIES = ['firm', 'tentative', 'pushy', 'desperate'] as const;
export const Delivery = z
  .enum(DELIVERIES)
  .describe('How the close is said: firm and professional, tentative, pushy, or desperate.');

export const OUTCOMES = [
  'offer-now',
  'offer-later',
  'next-stage',
  'shortlisted',
  'no-decision',
  'rejection',
  'withdrawn',
  'offer-rescinded',
] as const;
export const Outcome = z
  .enum(OUTCOMES)
  .describe(
    'What the playthrough led to: an offer on the spot, an offer after the interview, the next stage, a place on the shortlist, no decision yet, a rejection, the candidate withdrawing, or an offer withdrawn during negotiation.',
  );

export const HIDDEN_STATE_KEYS = ['keenness', 'doubt', 'irritation', 'rapport', 'believesOptions'] as const;
export const HiddenStateKey = z
  .enum(HIDDEN_STATE_KEYS)
  .describe(
    "One of the decision-maker's hidden state values, each 0 to 1: keenness on the candidate, doubt about the candidate's commitment, irritation, rapport, and how far they believe the candidate has other options.",
  );

const VarValue = z.union([z.number(), z.boolean(), z.string()]).describe('A variable value.');
const varName = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'use letters, digits and underscores, starting with a letter')
  .max(64)
  .describe('A scenario variable name, set by choice effects and read by conditions.');

// ---------------------------------------------------------------------------
// Conditions
// ---------------------------------------------------------------------------

export type Condition =
  | { var: string; equals?: string | number | boolean; atLeast?: number; atMost?: number }
  | { state: z.infer<typeof HiddenStateKey>; dm?: string; atLeast?: number; atMost?: number }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const VarCondition = z
  .object({
    var: varName,
    equals: VarValue.optional().describe('True when the variable equals this value.'),
    atLeast: z.number().optional().describe('True when the variable is a number at least this large.'),
    atMost: z.number().optional().describe('True when the variable is a number at most this large.'),
  })
  .strict()
  .describe(
    `A test on a scenario variable. A variable never set counts as false / 0. Besides the variables choices set, the engine sets these read-only ones from its record of the close and the follow-up (conditions may read them; effects may not set them): ${engineVarsDoc()}`,
  )
  .meta({
    examples: [
      { var: 'askedAboutTeam', equals: true },
      { var: 'closeCommitted', equals: true },
      { var: 'persistActs', atLeast: 3 },
    ],
  });

/** The engine-set read-only variables, documented for authors (also in scenario.schema.json). */
export const EngineVariables = z
  .object(
    Object.fromEntries(
      ENGINE_VARS.map((v) => [
        v.name,
        (v.type === 'boolean'
          ? z.boolean()
          : v.type === 'number'
            ? z.number()
            : v.values
              ? z.enum(v.values as [string, ...string[]])
              : z.string()
        ).describe(v.description),
      ]),
    ),
  )
  .describe(
    'Read-only variables the engine sets from its record of the close and the follow-up. Conditions may read them; choice effects may not set them.',
  );

const StateCondition = z
  .object({
    state: HiddenStateKey,
    dm: id('the decision-maker whose state is read (default: the one who decides the close)').optional(),
    atLeast: unit('True when the value is at least this.').optional(),
    atMost: unit('True when the value is at most this.').optional(),
  })
  .strict()
  .describe("A test on a decision-maker's hidden state.")
  .meta({ examples: [{ state: 'keenness', atLeast: 0.6 }] });

const AllCondition = z
  .object({
    get all() {
      return z.array(Condition).min(1).describe('True when every condition holds.');
    },
  })
  .strict();
const AnyCondition = z
  .object({
    get any() {
      return z.array(Condition).min(1).describe('True when at least one condition holds.');
    },
  })
  .strict();
const NotCondition = z
  .object({
    get not() {
      return Condition.describe('True when this condition does not hold.');
    },
  })
  .strict();

export const Condition: z.ZodType<Condition> = z
  .union([VarCondition, StateCondition, AllCondition, AnyCondition, NotCondition])
  .describe('A condition on variables or hidden state; combine with all, any and not.');

// ---------------------------------------------------------------------------
// Lines and effects
// ---------------------------------------------------------------------------

export const LINE_KINDS = ['speech', 'action', 'narration'] as const;
export const LineKind = z
  .enum(LINE_KINDS)
  .describe(
    "What a line is: words spoken aloud (speech, the default), something a person does, a stage direction (action, shown in italics without the speaker's name as dialogue), or scene-setting narration.",
  );
export type LineKindName = z.infer<typeof LineKind>;

/**
 * What a piece of debrief text talks about. The text is shown only when all of it happened in
 * the play (and none of the "not" parts did), so a sentence never claims a question asked,
 * an answer given or an act taken that was not.
 */
export const Refers = z
  .object({
    visited: z.array(id('a node')).optional().describe('Nodes the play must have passed through.'),
    answered: z.array(id('a choice')).optional().describe('Choices (answers) the player must have picked.'),
    acts: z.array(id('a follow-up act')).optional().describe('Follow-up acts the player must have taken.'),
    moves: z
      .array(id('a negotiation move'))
      .optional()
      .describe('Negotiation moves the player must have made.'),
    closed: z
      .boolean()
      .optional()
      .describe('True: only when the player closed; false: only when they never did.'),
    followedUp: z
      .boolean()
      .optional()
      .describe('True: only when the player took a follow-up act; false: only when they took none.'),
    notVisited: z.array(id('a node')).optional().describe('Nodes the play must not have passed through.'),
    notAnswered: z.array(id('a choice')).optional().describe('Choices the player must not have picked.'),
  })
  .strict()
  .describe(
    'What this text refers to: it is shown only when every part happened in the play. The validator checks that each id exists.',
  )
  .meta({ examples: [{ visited: ['accounts'], answered: ['toner-honest'] }, { closed: false }] });
export type Refers = z.infer<typeof Refers>;

export const AUDIENCES = ['solo', 'room'] as const;
export const Audience = z
  .enum(AUDIENCES)
  .describe('Who a line is for: "solo" for one player at the game, "room" for a group session.');
export type Audience = z.infer<typeof Audience>;

export const Line = z
  .object({
    id: id('this line (for translations and analytics)'),
    speaker: z
      .string()
      .min(1)
      .describe('Who speaks: a decision-maker id, "candidate" for the player, or "narrator" for scene text.'),
    text: z
      .string()
      .min(1)
      .describe('What is said. Keep it under 240 characters so it fits the dialogue box.'),
    expression: Expression.optional().describe(
      "The speaker's face for this line (decision-makers only). Without it the face follows their hidden state.",
    ),
    cue: z
      .string()
      .optional()
      .describe('A stage cue shown in italics and read to screen readers, e.g. "leans back, arms folded".'),
    kind: LineKind.optional().describe(
      'Whether the line is speech (default), an action / stage direction, or narration. Lines of the "narrator" speaker are narration whatever this says.',
    ),
    condition: Condition.optional().describe(
      'Say this line only when this holds, read after the decision it answers (e.g. { "var": "persistActs", "atLeast": 3 } or { "state": "irritation", "atLeast": 0.4 }). In a reply group, when no line\'s condition holds the group\'s last line is said.',
    ),
    for: Audience.optional().describe(
      'Who this line is for: "solo" (shown only in the solo game, e.g. "press Continue") or "room" (shown only in a group session, on the projector and the phones). Without it the line is for both. Give a solo-only instruction a room version beside it.',
    ),
  })
  .strict()
  .describe('One line of dialogue.')
  .meta({
    examples: [{ id: 'greet', speaker: 'dana', text: 'Sit down, sit down. Coffee?', expression: 'warm' }],
  });
export type Line = z.infer<typeof Line>;

export const Effects = z
  .object({
    dm: id('the decision-maker whose state moves (default: the one who decides the close)').optional(),
    keenness: z.number().min(-1).max(1).optional().describe('Change to keenness on the candidate (−1 to 1).'),
    doubt: z.number().min(-1).max(1).optional().describe("Change to doubt about the candidate's commitment."),
    irritation: z.number().min(-1).max(1).optional().describe('Change to irritation.'),
    rapport: z.number().min(-1).max(1).optional().describe('Change to rapport.'),
    believesOptions: z
      .number()
      .min(-1)
      .max(1)
      .optional()
      .describe('Change to how far the decision-maker believes the candidate has other options.'),
    set: z.record(varName, VarValue).optional().describe('Variables to set.'),
    add: z
      .record(varName, z.number())
      .optional()
      .describe('Numbers to add to variables (unset counts as 0).'),
  })
  .strict()
  .describe("What a choice does to the decision-maker's hidden state and to scenario variables.")
  .meta({ examples: [{ keenness: 0.1, rapport: 0.05, set: { askedAboutTeam: true } }] });
export type Effects = z.infer<typeof Effects>;

// ---------------------------------------------------------------------------
// The interview graph
// ---------------------------------------------------------------------------

export const Choice = z
  .object({
    id: id('this choice'),
    text: z.string().min(1).describe('What the player picks; usually what the candidate says.'),
    kind: LineKind.optional().describe(
      'Whether the text is what the candidate says (speech, the default) or does (action, e.g. "Shake his hand…"). An action is shown as an action, not as a quoted line.',
    ),
    next: id('the node this choice leads to').optional(),
    ending: id('an ending this choice leads to directly, ending the playthrough').optional(),
    endsInterview: z
      .boolean()
      .optional()
      .describe(
        'True when this choice ends the interview without a close: the decision-maker then decides alone.',
      ),
    condition: Condition.optional().describe('The choice is offered only while this holds.'),
    effects: Effects.optional(),
    quality: z
      .enum(['strong', 'fair', 'weak'])
      .optional()
      .describe('How good an interview answer this is; feeds the professionalism score.'),
    feedback: z.string().optional().describe('Coaching feedback shown in practice mode and the debrief.'),
    feedbackRefers: Refers.optional().describe(
      'What the feedback talks about besides this choice (other answers, later acts): the debrief shows it only when that happened.',
    ),
  })
  .strict()
  .describe('A choice the player can make at a node. Give exactly one of next, ending or endsInterview.');
export type Choice = z.infer<typeof Choice>;

export const Node = z
  .object({
    id: id('this node'),
    moment: z
      .enum(['opening', 'middle', 'closing'])
      .default('middle')
      .describe(
        'Where in the interview this node is: the opening rapport phase, the middle, or the closing minutes. The model judges the timing of a close by it.',
      ),
    lines: z.array(Line).describe('What is said at this node, in order.'),
    choices: z.array(Choice).default([]).describe('What the player may do next. Empty when next is given.'),
    next: id('the node that follows when there are no choices').optional(),
    endsInterview: z
      .boolean()
      .optional()
      .describe('True when the interview ends after this node without a close.'),
    ending: id('an ending reached directly after this node').optional(),
    closeAllowed: z
      .boolean()
      .optional()
      .describe('Whether the player may close here. Default: the scenario-wide closing.allowed setting.'),
    keepOrder: z
      .boolean()
      .optional()
      .describe(
        'True to show the choices in the order written here. By default the game shuffles them per playthrough, so the position of a choice never gives away the best answer; keep the order only where the fiction needs it.',
      ),
    coach: z.string().optional().describe('An optional coach hint the player can reveal at this node.'),
    discussion: z
      .array(z.string())
      .default([])
      .describe('Prompts a trainer can put to the room at this node.'),
    backdrop: z
      .string()
      .optional()
      .describe('Backdrop asset id for this node (default: the scenario backdrop).'),
  })
  .strict()
  .describe('A node of the interview graph: lines, then choices or a next node.');
export type Node = z.infer<typeof Node>;

// ---------------------------------------------------------------------------
// People and situation
// ---------------------------------------------------------------------------

export const Traits = z
  .object({
    attunement: unit(
      'How much the decision-maker rewards directness and determination (high for a sales-minded owner who asked for their own jobs, low for a process-bound panel).',
    ).optional(),
    processOrientation: unit(
      'How much they insist on following their hiring process before deciding (high for HR panels and recruiters).',
    ).optional(),
    patience: unit('How much pressure and repetition they tolerate before becoming irritated.').optional(),
    authority: unit(
      'How free they are to make an offer on the spot (1 for an owner, low for a panel).',
    ).optional(),
  })
  .strict()
  .describe('Persona traits the model reads. Omitted traits take the default for the decision-maker kind.');
export type Traits = z.infer<typeof Traits>;

export const SalaryBand = z
  .object({
    currency: z.string().length(3).describe('ISO 4217 currency code, e.g. GBP.'),
    min: z.number().positive().describe('The lowest salary the decision-maker would offer.'),
    max: z.number().positive().describe('The most they can pay.'),
  })
  .strict()
  .describe('The salary range the decision-maker can move in.');

const colour = (what: string, names: readonly [string, ...string[]]) =>
  z
    .union([z.enum(names), z.string().regex(/^#[0-9a-fA-F]{6}$/, 'use a colour like #6f7f5a')])
    .describe(`${what}: one of ${names.join(', ')}, or a colour like "#6f7f5a".`);

export const SKIN_TONES = ['very-light', 'light', 'medium', 'olive', 'brown', 'dark'] as const;
export const HAIR_STYLES = [
  'short',
  'bob',
  'long',
  'bald',
  'crop',
  'pixie',
  'swept',
  'receding',
  'bun',
  'cropped',
] as const;
export const HAIR_COLOURS = [
  'black',
  'dark-brown',
  'brown',
  'auburn',
  'red',
  'blonde',
  'grey',
  'white',
] as const;
export const CLOTHING = [
  'cardigan',
  'shirt',
  'blazer',
  'suit-tie',
  'polo',
  'suit',
  'open-collar',
  'loose-tie',
  'blouse',
  'lab-coat',
] as const;

/** A face drawn by the game's portrait generator, with all seven expressions, instead of SVG files. */
export const PortraitDescription = z
  .object({
    skin: colour('Skin tone', SKIN_TONES),
    hair: z.enum(HAIR_STYLES).describe('Hair style.'),
    hairColour: colour('Hair colour', HAIR_COLOURS).default('dark-brown'),
    glasses: z.enum(['none', 'round', 'rect', 'half']).default('none').describe('Glasses, if any.'),
    clothing: z.enum(CLOTHING).default('shirt').describe('What they wear.'),
    clothingColour: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'use a colour like #3b4a50')
      .default('#3b4a50')
      .describe('The main colour of the clothing, like "#3b4a50".'),
    age: z
      .enum(['young', 'middle', 'older', 'senior'])
      .default('middle')
      .describe('Age cues: lines around the eyes and mouth grow with age.'),
    beard: z.boolean().default(false).describe('A beard (in the hair colour).'),
  })
  .strict()
  .describe(
    'Describe the face and the game draws it with every expression (no SVG files needed). The "expressions" list still names which ones the scenario uses.',
  );
export type PortraitDescription = z.infer<typeof PortraitDescription>;

export const DecisionMaker = z
  .object({
    id: id('this decision-maker'),
    name: z.string().min(1).describe('Their name as shown in the game.'),
    role: z.string().min(1).describe('Their job, e.g. "Managing Director".'),
    kind: z.enum(DECISION_MAKER_KINDS).describe('What kind of decision-maker: it sets the default traits.'),
    description: z.string().describe('What the candidate knows of them, shown at the briefing.'),
    authorityNote: z
      .string()
      .min(1)
      .optional()
      .describe(
        'How far they can offer on the spot, in their own terms, for the debrief (e.g. "Marco hires alone, but an offer above the band goes to head office."). Used instead of the generic sentence about authority.',
      ),
    traits: Traits.default({}),
    initial: z
      .object({
        keenness: unit('Starting keenness on the candidate.').optional(),
        doubt: unit("Starting doubt about the candidate's commitment.").optional(),
        irritation: unit('Starting irritation.').optional(),
        rapport: unit('Starting rapport.').optional(),
        believesOptions: unit('Starting belief that the candidate has other options.').optional(),
      })
      .strict()
      .default({})
      .describe('Starting hidden state.'),
    salary: SalaryBand,
    portrait: z
      .object({
        id: z
          .string()
          .min(1)
          .describe(
            'Portrait folder in assets/portraits/; with "describe", a name for the drawn face not used by any folder there.',
          ),
        describe: PortraitDescription.optional(),
        expressions: z
          .array(Expression)
          .min(1)
          .describe('Expressions drawn for this portrait; each is assets/portraits/<id>/<expression>.svg.'),
      })
      .strict()
      .describe('The portrait and its named expressions.'),
    voice: z
      .object({
        babble: z.string().min(1).describe('Sound id of the voice babble in assets/sounds/.'),
        rate: z.number().min(0.5).max(2).default(1).describe('Playback rate: below 1 deeper and slower.'),
      })
      .strict()
      .describe('The voice babble played under their typed lines.'),
  })
  .strict()
  .describe('A person who can decide on the candidate.');
export type DecisionMaker = z.infer<typeof DecisionMaker>;

export const Situation = z
  .object({
    stage: z
      .enum(['first-round', 'second-round', 'final'])
      .describe('Which stage of the hiring process this interview is.'),
    nextStage: z
      .enum(['second-interview', 'shortlist', 'final-interview', 'offer'])
      .describe('What comes next for a candidate who succeeds here.'),
    candidatesSeen: z.number().int().min(0).describe('Candidates interviewed before this one.'),
    candidatesRemaining: z
      .number()
      .int()
      .min(0)
      .describe('Candidates still to be interviewed after this one.'),
    vacancies: z.number().int().min(1).describe('How many people they are hiring for this role.'),
    deadlineDays: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Days until they must have hired, if there is a deadline.'),
    previousCandidate: z
      .enum(['weak', 'average', 'strong'])
      .optional()
      .describe('How the candidate just before did: a contrast effect the player cannot control.'),
    description: z.string().describe('The situation in words, shown at the briefing.'),
  })
  .strict()
  .describe('The hiring situation: stage of the process, the pool of candidates and the vacancies.');
export type Situation = z.infer<typeof Situation>;

export const OtherOption = z
  .object({
    id: id('this option'),
    kind: z.enum(['offer', 'interview']).describe('Another offer in hand, or other interviews lined up.'),
    real: z.boolean().describe('True when the option exists; false for a bluff.'),
    exposeChance: unit(
      'For a bluff: the chance the decision-maker sees through it (default 0.5).',
    ).optional(),
    text: z.string().min(1).describe('How the candidate mentions it in a close.'),
    briefing: z.string().describe('What the player knows of it, shown at the briefing.'),
  })
  .strict()
  .describe('Another option the candidate has, or could pretend to have.');

export const Candidate = z
  .object({
    name: z.string().min(1).describe("The player's character's name."),
    background: z.string().describe('Who the candidate is, shown at the briefing.'),
    targetSalary: z.number().positive().describe('The salary the candidate hopes for.'),
    canAcceptOnSpot: z
      .boolean()
      .describe('Whether the candidate could truthfully accept an offer on the spot.'),
    otherOptions: z.array(OtherOption).default([]).describe('Other offers or interviews, real or bluffed.'),
  })
  .strict()
  .describe('The candidate the player plays.');

/** Coaching shown in the debrief: one text, or variants picked by the first condition that holds. */
export const Feedback = z
  .union([
    z.string().min(1),
    z
      .array(
        z
          .object({
            text: z.string().min(1).describe('The coaching text.'),
            condition: Condition.optional().describe(
              'Use this text only when this holds (read after the act, e.g. on persistActs or irritation); the first that holds is used.',
            ),
            refers: Refers.optional(),
          })
          .strict(),
      )
      .min(1),
  ])
  .describe(
    'Coaching in the debrief: a text, or a list of texts with conditions where the first that holds is used. Without one (or when none holds) the engine writes a sentence from the reply.',
  );

// ---------------------------------------------------------------------------
// Closing, follow-up, negotiation, endings
// ---------------------------------------------------------------------------

const Lines = (what: string) => z.array(Line).min(1).describe(what);

export const Closing = z
  .object({
    decisionMaker: id('the decision-maker who answers a close'),
    allowed: z
      .enum(['anywhere', 'closing-moments'])
      .default('anywhere')
      .describe(
        'Where the player may close: anywhere in the interview, or only at nodes whose moment is closing.',
      ),
    forms: z
      .array(
        z.object({ form: CloseForm, text: z.string().min(1).describe('The words for this form.') }).strict(),
      )
      .min(1)
      .describe('Forms of close on offer, with the words the candidate says for each.'),
    deliveries: z
      .array(
        z
          .object({
            delivery: Delivery,
            text: z.string().min(1).describe('How it looks and sounds, as a stage cue.'),
          })
          .strict(),
      )
      .min(1)
      .describe('Deliveries on offer, each with a stage cue.'),
    points: z
      .array(
        z
          .object({
            id: id('this supporting point'),
            kind: z
              .enum(['why-us', 'reason'])
              .describe('Why this organisation, or a compelling reason you will do well.'),
            text: z.string().min(1).describe('The words of the point.'),
            requires: Condition.optional().describe(
              'Offered only when this holds (e.g. you asked the question that taught it).',
            ),
          })
          .strict(),
      )
      .default([])
      .describe('Supporting points the candidate can weave into the close.'),
    commitText: z.string().min(1).describe('The words of a commitment to accept on the spot.'),
    responses: z
      .object({
        'offer-now': Lines('What the decision-maker says when they offer on the spot.'),
        'next-stage': Lines('What they say when they move the candidate on (next stage or shortlist).'),
        'no-decision': Lines('What they say when they will not decide yet.'),
        rejection: Lines('What they say when they turn the candidate down.'),
        'bluff-exposed': Lines('What they say when they see through a bluffed option.').optional(),
        'too-pushy': Lines('What they say first when the delivery was pushy or desperate.').optional(),
      })
      .strict()
      .describe('Authored responses to a close, by outcome.'),
    afterInterview: z
      .object({
        'offer-later': Lines('The call or email that brings an offer after the interview.'),
        'next-stage': Lines('The message inviting the candidate to the next stage.'),
        'no-decision': Lines('The silence or holding message after the interview.'),
        rejection: Lines('The rejection after the interview.'),
      })
      .strict()
      .describe('What the decision-maker says when they decide after the interview without being asked.'),
  })
  .strict()
  .describe('Closing: where the player may close, the parts they build it from, and the responses.');
export type Closing = z.infer<typeof Closing>;

export const FollowUp = z
  .object({
    days: z.number().int().min(1).max(10).describe('How many days of follow-up the player has.'),
    acts: z
      .array(
        z
          .object({
            id: id('this act'),
            kind: z.enum(['email', 'call', 'visit', 'turn-up']).describe('What kind of persistence this is.'),
            label: z.string().min(1).describe('The button text.'),
            text: z.string().min(1).describe('What the candidate says or does.'),
            textKind: LineKind.optional().describe(
              'Whether the text is said (speech, the default) or done (action, e.g. turning up at the door).',
            ),
            intensity: z
              .number()
              .int()
              .min(1)
              .max(3)
              .describe('How insistent this act is, 1 (polite) to 3 (turning up).'),
            feedback: Feedback.optional(),
          })
          .strict(),
      )
      .min(1)
      .describe('Acts of persistence on offer each day.'),
    replies: z
      .object({
        concede: Lines('The decision-maker gives in and offers the job.'),
        concedeNextStage: Lines(
          'Before the final stage: the decision-maker gives in and puts the candidate through to the next stage (or the shortlist), which is what changing their mind wins there. Without these lines the concede lines are said.',
        ).optional(),
        holding: Lines('Still no, but the door is open.'),
        closed: Lines('They shut the door for good.'),
      })
      .strict()
      .describe('Replies to an act of persistence.'),
    letGoText: z.string().min(1).describe('The button text for letting it rest.'),
    letGoFeedback: Feedback.optional(),
  })
  .strict()
  .describe('Follow-up over days after a no or no decision: persistence.');
export type FollowUp = z.infer<typeof FollowUp>;

export const Negotiation = z
  .object({
    rounds: z
      .number()
      .int()
      .min(1)
      .max(5)
      .default(3)
      .describe('How many counter-offers the player may make.'),
    moves: z
      .array(
        z
          .object({
            id: id('this move'),
            kind: z
              .enum(['accept', 'counter', 'counter-with-leverage', 'walk-away'])
              .describe('Accept the offer, counter, counter citing a real option, or walk away.'),
            text: z.string().min(1).describe('What the candidate says.'),
            textKind: LineKind.optional().describe(
              'Whether the text is said (speech, the default) or done (action, e.g. shaking hands on the deal).',
            ),
          })
          .strict(),
      )
      .min(2)
      .describe('Moves on offer in negotiation; include one accept.'),
    replies: z
      .object({
        raise: Lines('They improve the offer.'),
        hold: Lines('They will not move.'),
        rescind: Lines('They withdraw the offer.'),
        agreed: Lines('The deal is done.'),
      })
      .strict()
      .describe('Replies in negotiation.'),
  })
  .strict()
  .describe('Negotiating the salary of an offer made without an on-the-spot acceptance.');
export type Negotiation = z.infer<typeof Negotiation>;

export const Ending = z
  .object({
    id: id('this ending'),
    outcome: Outcome,
    title: z.string().min(1).describe('The ending title shown at the debrief.'),
    debrief: z.string().min(1).describe('What the trainee should learn from this ending.'),
    debriefLines: z
      .array(
        z
          .object({
            text: z.string().min(1).describe('One sentence or two of the debrief.'),
            refers: Refers.optional(),
            condition: Condition.optional().describe('Say this only when this holds at the end of the play.'),
          })
          .strict(),
      )
      .min(1)
      .optional()
      .describe(
        'The debrief told from the play: each line is shown only when what it refers to happened (and its condition holds). When given, these replace "debrief" in the game; keep "debrief" as the summary for trainers.',
      ),
    condition: Condition.optional().describe(
      'This ending applies only when this holds; the first matching ending is used.',
    ),
    discussion: z.array(z.string()).default([]).describe('Trainer discussion prompts for this ending.'),
  })
  .strict()
  .describe('An ending of the playthrough.');
export type Ending = z.infer<typeof Ending>;

// ---------------------------------------------------------------------------
// The scenario
// ---------------------------------------------------------------------------

export const Meta = z
  .object({
    id: id('the scenario'),
    title: z.string().min(1).max(80).describe('The title on the scenario card.'),
    summary: z.string().min(1).describe('One or two sentences on the scenario card.'),
    lesson: z
      .union([
        z.string().min(1).describe('The one lesson this scenario teaches, in a sentence.'),
        z
          .object({
            text: z.string().min(1).describe('The one lesson this scenario teaches, in a sentence.'),
            form: CloseForm.optional().describe(
              'The close the lesson intends to be best; `npm run analyze` says whether the best path agrees.',
            ),
            moment: z
              .enum(['opening', 'middle', 'closing', 'after'])
              .optional()
              .describe(
                'The moment of the intended best close ("after": no close in the interview, the decision comes afterwards).',
              ),
          })
          .strict()
          .describe('The lesson with the intended best close, for the analyzer.'),
      ])
      .describe(
        'The one lesson this scenario teaches: a sentence, or { "text", "form", "moment" } naming the intended best close.',
      ),
    role: z
      .object({
        title: z.string().min(1).describe('The job applied for.'),
        company: z.string().min(1).describe('The employer.'),
        sector: z.string().min(1).describe('The sector, e.g. "office supplies".'),
        commercial: unit(
          'How commercial the role is: 1 for pure sales, 0 for a role with no selling at all.',
        ),
      })
      .strict()
      .describe('The role applied for.'),
    difficulty: z.enum(['tutorial', 'easy', 'medium', 'hard']).describe('How hard the scenario is.'),
    minutes: z.number().int().min(1).max(60).describe('Expected minutes to play.'),
    tags: z.array(z.string()).default([]).describe('Free tags, e.g. claim ids "C4".'),
    authors: z.array(z.string().min(1)).min(1).describe('Who wrote it.'),
    backdrop: z.string().min(1).describe('Backdrop asset id in assets/backdrops/.'),
    order: z.number().int().optional().describe('Position on the scenario select screen.'),
  })
  .strict()
  .describe('What the scenario is, for the scenario select screen and reports.');

export const Scenario = z
  .object({
    $schema: z.string().optional().describe('Path to scenario.schema.json, for editors.'),
    formatVersion: z.literal(FORMAT_VERSION).describe('The scenario format version. This is version 1.'),
    meta: Meta,
    situation: Situation,
    candidate: Candidate,
    decisionMakers: z.array(DecisionMaker).min(1).describe('The people who interview and decide.'),
    start: id('the first node'),
    nodes: z.array(Node).min(1).describe('The interview as a graph of nodes.'),
    closing: Closing,
    followUp: FollowUp.optional(),
    negotiation: Negotiation.optional(),
    endings: z.array(Ending).min(1).describe('The endings, each with a debrief.'),
  })
  .strict()
  .describe('A Close Call interview scenario, format version 1.');

export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;
export type CloseFormName = z.infer<typeof CloseForm>;
export type DeliveryName = z.infer<typeof Delivery>;
export type OutcomeName = z.infer<typeof Outcome>;
export type ExpressionName = z.infer<typeof Expression>;
export type HiddenKey = z.infer<typeof HiddenStateKey>;
export type DecisionMakerKind = (typeof DECISION_MAKER_KINDS)[number];

/** The lesson sentence and, when declared, the intended best close. */
export function lessonOf(meta: Scenario['meta']): {
  text: string;
  form?: CloseFormName;
  moment?: 'opening' | 'middle' | 'closing' | 'after';
} {
  return typeof meta.lesson === 'string' ? { text: meta.lesson } : meta.lesson;
}
