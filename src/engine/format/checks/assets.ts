/** Rule: decision-makers (ids, salary range) and the assets they and the scenes name. */
import type { JsonPath } from '../parse';
import { type CheckContext, quote } from './context';

const PLAIN_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** Whether an id can name an asset file: lower-case letters, digits and hyphens, no path, not a built-in name. */
export function isPlainName(name: string): boolean {
  return PLAIN_NAME.test(name) && name.length <= 64 && !(name in Object.prototype);
}

function suggestPlain(name: string): string {
  const plain = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return plain && isPlainName(plain) ? plain : 'voice-mid';
}

export function checkDecisionMakersAndAssets(ctx: CheckContext): void {
  const { scenario, options, error, warn } = ctx;
  ctx.duplicates(
    'decision-maker',
    scenario.decisionMakers.map((dm, i) => ({ id: dm.id, path: ['decisionMakers', i, 'id'] })),
  );
  ctx.checkDm(scenario.closing.decisionMaker, ['closing', 'decisionMaker']);
  scenario.decisionMakers.forEach((dm, i) => {
    if (dm.salary.min > dm.salary.max) {
      error(
        'salary-range',
        ['decisionMakers', i, 'salary', 'min'],
        `salary min ${dm.salary.min} is above max ${dm.salary.max}`,
        'Swap them, or correct one: min must not exceed max.',
      );
    }
    const plainAssets = isPlainName(dm.portrait.id) && isPlainName(dm.voice.babble);
    if (options.assetExists && plainAssets && dm.portrait.describe) {
      if (options.assetExists(`assets/portraits/${dm.portrait.id}/neutral.svg`)) {
        warn(
          'portrait-id-taken',
          ['decisionMakers', i, 'portrait', 'id'],
          `the described portrait "${dm.portrait.id}" has the name of a drawn portrait in assets/portraits/`,
          'Give the described face a name of its own, so the two are never mixed up.',
        );
      }
    } else if (options.assetExists && plainAssets) {
      const missing = [...new Set(dm.portrait.expressions)].filter(
        (expr) => !options.assetExists?.(`assets/portraits/${dm.portrait.id}/${expr}.svg`),
      );
      if (missing.length > 0 && missing.length === new Set(dm.portrait.expressions).size) {
        error(
          'missing-asset',
          ['decisionMakers', i, 'portrait', 'id'],
          `the portrait "${dm.portrait.id}" has none of its drawings in assets/portraits/${dm.portrait.id}/`,
          `Check the portrait id${ctx.existing('assets/portraits', dm.portrait.id, '')}, or draw assets/portraits/${dm.portrait.id}/<expression>.svg for ${quote(dm.portrait.expressions)}.`,
        );
      } else {
        for (const expr of missing) {
          const rel = `assets/portraits/${dm.portrait.id}/${expr}.svg`;
          error(
            'missing-asset',
            ['decisionMakers', i, 'portrait', 'expressions', dm.portrait.expressions.indexOf(expr)],
            `the portrait file ${rel} does not exist`,
            `Draw ${rel}, or remove "${expr}" from the expressions list.`,
          );
        }
      }
    }
    if (options.assetExists) {
      const sound = `assets/sounds/${dm.voice.babble}.ogg`;
      if (!options.assetExists(sound)) {
        error(
          'missing-asset',
          ['decisionMakers', i, 'voice', 'babble'],
          `the voice sound ${sound} does not exist`,
          'Use a voice sound id from assets/sounds/ (e.g. voice-low, voice-mid, voice-high).',
        );
      }
    }
  });
  scenario.decisionMakers.forEach((dm, i) => {
    plainName(ctx, dm.portrait.id, 'portrait id', ['decisionMakers', i, 'portrait', 'id']);
    plainName(ctx, dm.voice.babble, 'voice sound', ['decisionMakers', i, 'voice', 'babble']);
  });
  checkBackdrop(ctx, scenario.meta.backdrop, ['meta', 'backdrop']);
}

function plainName(ctx: CheckContext, name: string | undefined, what: string, path: JsonPath): boolean {
  if (name === undefined || isPlainName(name)) return true;
  ctx.error(
    'asset-name',
    path,
    `the ${what} "${name}" is not a plain name: asset names are lower-case letters, digits and hyphens${
      name === 'constructor' ? ', and not a built-in name' : ''
    }`,
    `Rename it to a plain name such as "${suggestPlain(name)}", and name the asset file the same.`,
  );
  return false;
}

/** A backdrop id must be a plain name and, where assets can be seen, an existing drawing. */
export function checkBackdrop(ctx: CheckContext, id: string | undefined, path: JsonPath): void {
  if (!plainName(ctx, id, 'backdrop id', path)) return;
  if (id === undefined || !ctx.options.assetExists) return;
  const rel = `assets/backdrops/${id}.svg`;
  if (!ctx.options.assetExists(rel)) {
    ctx.error(
      'missing-asset',
      path,
      `the backdrop file ${rel} does not exist`,
      `Use a backdrop id from assets/backdrops/${ctx.existing('assets/backdrops', id, '.svg')}.`,
    );
  }
}
