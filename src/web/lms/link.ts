/**
 * The game's one door to a learning platform. `connectLms` reads the launch URL and connects
 * to a SCORM platform (`?lms=scorm`, as the packages launch), a cmi5 platform (its launch
 * parameters) or an LRS named by a config file (`?xapi=lrs.json`). The game calls `update`
 * after every action and the link calls `leave` itself when the page is hidden for good.
 * Loaded only when the URL asks for it: without an LMS the game never loads this code.
 */
import type { Playthrough, SaveData } from '../../engine';
import type { StatementContext } from '../../protocol/lms/statements';
import { findScormApi, ScormConnection, ScormReporter } from './scorm';
import { launchRequest } from './wants';
import {
  anonymousActor,
  Cmi5Transport,
  type LrsConfig,
  LrsTransport,
  lrsContext,
  parseLrsConfig,
  XapiReporter,
} from './xapi';

export interface LmsLink {
  kind: 'scorm12' | 'scorm2004' | 'cmi5' | 'lrs';
  /** The scenario the launch is for (its meta.id), or null for any. */
  scenario: string | null;
  /** The playthrough to take up again, when the platform kept one. */
  resume: SaveData | null;
  update(play: Playthrough): void;
  leave(): void;
}

function onLeave(win: Window, leave: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    leave();
  };
  win.addEventListener('pagehide', once);
  win.addEventListener('beforeunload', once);
}

/** Connects as the URL asks; null (with a notice) when it asks for a platform that does not answer. */
export async function connectLms(win: Window, notice: (message: string) => void): Promise<LmsLink | null> {
  const req = launchRequest(win.location.search);
  if (!req) return null;
  if (req.kind === 'scorm') {
    const found = findScormApi(win as unknown as Parameters<typeof findScormApi>[0]);
    if (!found) {
      notice(
        'This copy of Close Call was made for a learning platform, but no platform answered: you can play, and nothing is recorded.',
      );
      return null;
    }
    const reporter = new ScormReporter(new ScormConnection(found.version, found.api), {
      scenario: req.scenario,
      mastery: req.mastery,
      notice,
    });
    const link: LmsLink = {
      kind: found.version === '1.2' ? 'scorm12' : 'scorm2004',
      scenario: req.scenario,
      resume: reporter.resume,
      update: (play) => reporter.update(play),
      leave: () => reporter.leave(),
    };
    onLeave(win, link.leave);
    return link;
  }
  if (req.kind === 'cmi5') {
    const { default: Cmi5 } = await import('@xapi/cmi5');
    let cmi5: InstanceType<typeof Cmi5>;
    try {
      cmi5 = new Cmi5();
      await cmi5.initialize();
    } catch (err) {
      console.info('Close Call: the cmi5 launch failed', err);
      notice(
        'Your learning platform launched this game but did not let it record your play: you can play, and nothing is recorded.',
      );
      return null;
    }
    const params = cmi5.getLaunchParameters();
    const data = cmi5.getLaunchData();
    const ctx: StatementContext = {
      actor: params.actor as unknown as StatementContext['actor'],
      activityId: params.activityId,
      registration: params.registration,
      context: (data.contextTemplate ?? {}) as unknown as StatementContext['context'],
    };
    const reporter = new XapiReporter(new Cmi5Transport(cmi5), () => ctx, { scenario: req.scenario, notice });
    const link: LmsLink = {
      kind: 'cmi5',
      scenario: req.scenario,
      resume: null,
      update: (play) => reporter.update(play),
      leave: () => void reporter.leave(),
    };
    onLeave(win, link.leave);
    return link;
  }
  let config: LrsConfig;
  try {
    const url = new URL(req.config, win.location.href);
    // Only a file beside the game: a link must not be able to send plays to someone else's LRS.
    if (url.origin !== win.location.origin)
      throw new Error('the config file must be on the same site as the game');
    const res = await fetch(url, { cache: 'no-store' });
    if (!res.ok) throw new Error(`${url.pathname}: HTTP ${res.status}`);
    config = parseLrsConfig(await res.json());
  } catch (err) {
    notice(
      `Plays are not being recorded: the LRS settings could not be read (${err instanceof Error ? err.message : String(err)}).`,
    );
    return null;
  }
  const home = `${win.location.origin}${win.location.pathname}`;
  const actor = config.actor ?? anonymousActor(win.location.origin, safeStorage(win));
  const reporter = new XapiReporter(
    new LrsTransport(config),
    (play) =>
      lrsContext(actor, `${home.replace(/[^/]*$/, '')}scenarios/${play.scenario.meta.id}`, {
        name: play.scenario.meta.title,
        description: play.scenario.meta.summary,
      }),
    { scenario: req.scenario, notice },
  );
  const link: LmsLink = {
    kind: 'lrs',
    scenario: req.scenario,
    resume: null,
    update: (play) => reporter.update(play),
    leave: () => void reporter.leave(),
  };
  onLeave(win, link.leave);
  return link;
}

function safeStorage(win: Window): Storage | null {
  try {
    return win.localStorage;
  } catch {
    return null;
  }
}
