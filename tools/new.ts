/**
 * `npm run new -- <id> [--force]` writes scenarios/<id>.json: a small, valid, playable scenario
 * with every required part. JSON has no comments, so the notes for the author sit in the texts a
 * player reads least (the situation, the decision-maker's description, the coach hints and the
 * endings' discussion prompts); replace them as you write your own story. See docs/authoring.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioInput } from '../src/engine';
import { validateScenario } from '../src/engine';
import { formatProblem, PROJECT_ROOT } from './lib/validate-files';

const USAGE = `Usage: npm run new -- <id> [--force]
  Writes scenarios/<id>.json, a small playable scenario to start from.
  <id>     lower-case letters, digits and hyphens, e.g. my-first-interview
  --force  overwrite an existing file
  --help   show this help`;

const title = (id: string) =>
  id
    .split('-')
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');

/** The starter scenario: a three-node interview with a close at the end. */
export function starterScenario(id: string): ScenarioInput {
  const dm = 'alex-morgan';
  const say = (lineId: string, text: string, expression?: 'neutral' | 'warm' | 'thinking') => ({
    id: lineId,
    speaker: dm,
    text,
    ...(expression ? { expression } : {}),
  });
  const narrate = (lineId: string, text: string) => ({ id: lineId, speaker: 'narrator', text });
  return {
    $schema: './scenario.schema.json',
    formatVersion: 1,
    meta: {
      id,
      title: title(id),
      summary:
        'A short final interview with the owner of a small print shop. (Card text: one or two sentences on who, where and what is at stake.)',
      lesson: {
        text: 'When the interview goes well, ask for the job before you leave the room.',
        form: 'statement-of-intent',
        moment: 'closing',
      },
      role: { title: 'Print Sales Executive', company: 'Morgan Print', sector: 'printing', commercial: 0.8 },
      difficulty: 'easy',
      minutes: 4,
      tags: ['starter'],
      authors: ['Your name'],
      backdrop: 'owner-office',
      order: 500,
    },
    situation: {
      stage: 'final',
      nextStage: 'offer',
      candidatesSeen: 3,
      candidatesRemaining: 0,
      vacancies: 1,
      description:
        'Alex has seen everyone and wants the job filled this week. (Author: the model reads stage, candidatesSeen, candidatesRemaining and vacancies; the player reads this text at the briefing.)',
    },
    candidate: {
      name: 'Jo',
      background:
        'Two years selling print to local shops for a wholesaler. (Author: who the player is; targetSalary sets what counts as good terms.)',
      targetSalary: 30000,
      canAcceptOnSpot: true,
    },
    decisionMakers: [
      {
        id: dm,
        name: 'Alex Morgan',
        role: 'Owner',
        kind: 'owner-manager',
        description:
          'Built the shop from one machine; decides alone and likes people who say what they want. (Author: "kind" sets the default traits; override any in "traits".)',
        traits: {},
        initial: { keenness: 0.5, doubt: 0.5 },
        salary: { currency: 'GBP', min: 26000, max: 32000 },
        portrait: {
          id: 'dana-whitlock',
          expressions: ['neutral', 'interested', 'sceptical', 'impressed', 'irritated', 'warm', 'thinking'],
        },
        voice: { babble: 'voice-mid' },
      },
    ],
    start: 'welcome',
    nodes: [
      {
        id: 'welcome',
        moment: 'opening',
        lines: [
          narrate('welcome-1', 'A small office above the print room. The machines hum through the floor.'),
          say('welcome-2', "Jo? Come in. Coffee's in the pot if you want it.", 'warm'),
        ],
        coach: 'Author: the opening builds rapport. Each choice moves the hidden state through its effects.',
        choices: [
          {
            id: 'warm-reply',
            text: 'Thanks. I could hear the presses from the street. It sounds busy.',
            next: 'why-you',
            effects: { rapport: 0.15, keenness: 0.05 },
            quality: 'strong',
            feedback: 'A real remark about their business builds rapport.',
          },
          {
            id: 'flat-reply',
            text: "I'm fine, thanks.",
            next: 'why-you',
          },
        ],
      },
      {
        id: 'why-you',
        moment: 'middle',
        lines: [say('why-you-1', 'So why print, and why us?', 'thinking')],
        coach: 'Author: set a variable here and read it later in a condition or a supporting point.',
        choices: [
          {
            id: 'specific',
            text: 'Your shop clients reorder every month. I know how to look after accounts like that.',
            next: 'questions',
            effects: { keenness: 0.15, doubt: -0.1, set: { knowsClients: true } },
            quality: 'strong',
            feedback: 'Specific and about them.',
          },
          {
            id: 'vague',
            text: "I've always liked sales.",
            next: 'questions',
            effects: { keenness: -0.05 },
            quality: 'weak',
            feedback: 'Nothing here tells them why you, or why them.',
          },
        ],
      },
      {
        id: 'questions',
        moment: 'closing',
        lines: [say('questions-1', "That's everything from me. Anything you want to ask?", 'neutral')],
        coach:
          'Author: the close is on offer at every node (closing.allowed is "anywhere"): the player chooses when, and the model judges the moment. Choosing not to close lets the model decide after the interview.',
        choices: [
          {
            id: 'no-questions',
            text: "No, I think you've covered it. Thanks for your time.",
            endsInterview: true,
          },
        ],
      },
    ],
    closing: {
      decisionMaker: dm,
      allowed: 'anywhere',
      forms: [
        { form: 'statement-of-intent', text: 'I want this job, and if you offer it to me I will say yes.' },
        { form: 'outright-ask', text: 'Will you offer me the job?' },
        { form: 'tentative', text: 'So what happens next?' },
      ],
      deliveries: [
        { delivery: 'firm', text: 'looking them in the eye' },
        { delivery: 'tentative', text: 'glancing at the door' },
        { delivery: 'pushy', text: 'leaning across the desk' },
      ],
      points: [
        {
          id: 'monthly-reorders',
          kind: 'why-us',
          text: 'Your shops reorder every month, and I know how to keep them.',
          requires: { var: 'knowsClients', equals: true },
        },
      ],
      commitText: 'I can start on Monday.',
      responses: {
        'offer-now': [say('close-offer', "Then let's not wait. The job's yours.", 'warm')],
        'next-stage': [say('close-next', 'I like that. Come back Thursday and meet the team.', 'warm')],
        'no-decision': [say('close-open', "Let me sleep on it. I'll call you.", 'thinking')],
        rejection: [say('close-no', "I don't think it's the right fit, sorry.", 'neutral')],
      },
      afterInterview: {
        'offer-later': [narrate('after-offer', 'Two days later Alex rings with an offer.')],
        'next-stage': [narrate('after-next', 'An email asks you back to meet the team.')],
        'no-decision': [narrate('after-open', 'A week passes without a word.')],
        rejection: [narrate('after-no', 'A short, polite email: they have chosen someone else.')],
      },
    },
    endings: [
      {
        id: 'hired-on-the-spot',
        outcome: 'offer-now',
        title: 'Hired on the spot',
        debrief: 'You asked, and Alex answered there and then.',
        discussion: ['Author: discussion prompts are for trainers running a group session.'],
      },
      {
        id: 'hired-later',
        outcome: 'offer-later',
        title: 'An offer by phone',
        debrief: 'The offer came, but only after days of waiting.',
      },
      {
        id: 'back-on-thursday',
        outcome: 'next-stage',
        title: 'Back on Thursday',
        debrief: 'One more step before an offer.',
      },
      {
        id: 'left-hanging',
        outcome: 'no-decision',
        title: 'Left hanging',
        debrief: 'Nobody said no, and nobody said yes.',
      },
      {
        id: 'not-this-time',
        outcome: 'rejection',
        title: 'Not this time',
        debrief: 'Alex chose someone else.',
      },
    ],
  };
}

function main(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const force = argv.includes('--force');
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--force');
  if (unknown.length) {
    console.error(`new: unknown option ${unknown[0]}\n${USAGE}`);
    return 2;
  }
  const ids = argv.filter((a) => !a.startsWith('--'));
  if (ids.length !== 1) {
    console.error(`new: give exactly one id.\n${USAGE}`);
    return 2;
  }
  const id = ids[0]!;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id) || id.length > 64 || id === 'index' || id === 'example') {
    console.error(
      `new: "${id}" cannot be a scenario id: use lower-case letters, digits and hyphens (at most 64), e.g. my-first-interview.`,
    );
    return 2;
  }
  const file = join(PROJECT_ROOT, 'scenarios', `${id}.json`);
  if (existsSync(file) && !force) {
    console.error(
      `new: scenarios/${id}.json already exists; choose another id or add --force to overwrite it.`,
    );
    return 1;
  }
  const text = `${JSON.stringify(starterScenario(id), null, 2)}\n`;
  const result = validateScenario(text, `scenarios/${id}.json`, {
    assetExists: (rel) => existsSync(join(PROJECT_ROOT, rel)),
  });
  if (!result.ok) {
    for (const p of result.problems) console.error(formatProblem(p));
    console.error('new: internal error: the starter scenario does not validate.');
    return 1;
  }
  writeFileSync(file, text);
  formatJson(file);
  console.log(`Wrote scenarios/${id}.json (${result.problems.length} warnings).
Next:
  npm run dev                                    then open the address it prints: your scenario is on Scenario select
  npm run validate -- scenarios/${id}.json
  npm run analyze -- scenarios/${id}.json        endings, best path, lesson check
  npm run analyze -- scenarios/${id}.json --at questions
Guide: docs/authoring.md`);
  return 0;
}

if (process.argv[1] && /new\.ts$/.test(process.argv[1])) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    console.error(`new: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}

/** Formats the written file as the project's formatter would, so `npm run lint` stays clean (best effort). */
function formatJson(path: string): void {
  const biome = join(PROJECT_ROOT, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
  spawnSync(process.execPath, [biome, 'format', '--write', path], { cwd: PROJECT_ROOT, stdio: 'ignore' });
}
