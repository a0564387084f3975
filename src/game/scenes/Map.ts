import { exploreNodes, stateAt } from '../../engine';
import { button } from '../../web/dom/h';
import { ctx } from '../context';
import { BaseScene, startPlay } from '../kit';
import { mapTarget } from '../map/target';
import { type MapAnalysis, StoryMap } from '../map/view';
import '../map/map.css';

/** The story map of one scenario, opened by the Map button on its card. */
export class MapScene extends BaseScene {
  private map: StoryMap | null = null;
  private timer: number | undefined;

  constructor() {
    super('Map');
  }

  create(): void {
    const entry = mapTarget();
    if (!entry) {
      this.go('ScenarioSelect');
      return;
    }
    this.drawBackdrop('glass-meeting-room', 0.7);
    const main = this.begin('Map', 'map-screen');
    const map = new StoryMap(entry, {
      back: () => this.back(),
      click: () => this.click(),
      playFrom: (from, practice) => {
        this.click('ui-confirm');
        if (practice) {
          ctx().shell.store.updateSettings({ practice: true });
          this.registry.set('dmView', true);
        }
        startPlay(entry.file, entry.scenario, from);
        this.go('Interview');
      },
    });
    this.map = map;
    main.append(
      this.topbar(
        `Map: ${entry.scenario.meta.title}`,
        button('Zoom in', () => map.zoomBy(1.25), { class: 'btn-small btn-ghost', title: 'Zoom in (+)' }),
        button('Zoom out', () => map.zoomBy(1 / 1.25), {
          class: 'btn-small btn-ghost',
          title: 'Zoom out (-)',
        }),
        button('Fit', () => map.fit(), { class: 'btn-small btn-ghost', title: 'Fit the whole map (0)' }),
        button('Back to scenarios', () => this.back(), { class: 'btn-small btn-ghost' }),
      ),
      map.el,
    );
    map.initialView();
    this.layer.focusFirst(main.querySelector<HTMLElement>('[data-node-id]'));
    // The analysis runs after the first paint so the map shows at once.
    this.timer = window.setTimeout(() => {
      const report = exploreNodes(entry.scenario, { maxStates: 8000, samples: 400 });
      const likely: MapAnalysis['likely'] = new Map();
      for (const [node, path] of report.likely) {
        const { hidden, vars } = stateAt(entry.scenario, path.state);
        likely.set(node, { p: path.p, labels: path.labels, hidden, vars });
      }
      if (this.map === map) map.setAnalysis({ reach: report.reach, likely, stalls: report.stalls });
    }, 60);
  }

  protected override onShutdown(): void {
    window.clearTimeout(this.timer);
    this.map?.unwire();
    this.map = null;
  }

  private back(): void {
    this.click('ui-back');
    this.go('ScenarioSelect');
  }

  protected override onKey(e: KeyboardEvent): boolean {
    if (e.key === 'Escape') {
      this.back();
      return true;
    }
    return false;
  }
}
