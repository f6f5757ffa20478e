// What the mutation check's fixtures share (mutation-fixture.ts for `app`-fixture specs, plain-mutation-fixture.ts
// for plain suites): which mutant or app a test slot runs, the switch that activates one Stryker mutant per test (set
// before the app's own script runs), and the record of each test's outcome.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page, Route, TestInfo } from 'playwright/test';
import { stripAnsi } from '../assertion-message.js';
import { MUTATION_PLAN_ENV, MutationPlanSchema, type MutationPlan, type TestRunRecord } from './mutation-plan.js';

let cachedPlan: MutationPlan | undefined;
function plan(): MutationPlan {
  const path = process.env[MUTATION_PLAN_ENV];
  if (!path) throw new Error(`${MUTATION_PLAN_ENV} is not set: this fixture runs only inside a mutation check.`);
  cachedPlan ??= MutationPlanSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  return cachedPlan;
}

function killedMarker(current: MutationPlan, mutantId: string): string {
  return join(current.resultsDirectory, 'killed', mutantId);
}

interface SwitchSettings {
  mutantId: string | null;
  hitLimit: number;
  coverage: boolean;
}

/** Runs in the page before any of its scripts: Stryker's instrumented code reads `globalThis.__stryker__`. */
function installSwitch(settings: SwitchSettings): void {
  type Namespace = { activeMutant?: string; hitCount?: number; hitLimit?: number; mutantCoverage?: { static: Record<string, number>; perTest: Record<string, unknown> } };
  const scope = globalThis as unknown as { __stryker__?: Namespace; __ndliCovered?: (id: string) => void };
  const namespace: Namespace = (scope.__stryker__ ??= {});
  if (settings.mutantId !== null) {
    namespace.activeMutant = settings.mutantId;
    namespace.hitCount = 0;
    namespace.hitLimit = settings.hitLimit;
  }
  if (settings.coverage) {
    // Stryker counts each reached mutant in `mutantCoverage.static`; the first count of each id is reported out,
    // batched per task (each report is a round trip to the test process).
    const seen = new Set<string>();
    let pending: string[] = [];
    const flush = (): void => {
      const batch = pending;
      pending = [];
      scope.__ndliCovered?.(batch.join(','));
    };
    const counts = new Proxy<Record<string, number>>({}, {
      set(target, key, value: number) {
        const id = String(key);
        if (!seen.has(id)) {
          seen.add(id);
          if (pending.push(id) === 1) queueMicrotask(flush);
        }
        target[id] = value;
        return true;
      },
    });
    namespace.mutantCoverage = { static: counts, perTest: {} };
  }
}

export interface Slot {
  plan: MutationPlan;
  title: string;
  describePath: string[];
  /** What this slot runs: a mutant id (`mutants`), an app's id (`artifacts`), nothing (`coverage`). */
  slotId: string | null;
  /** Mutant ids the app reached (coverage mode). */
  covered: Set<string>;
  /** Errors the page threw before it finished loading (the mutant broke the app: invalid). */
  loadErrors: string[];
}

const htmlCache = new Map<string, string>();
function htmlOf(path: string): string {
  const cached = htmlCache.get(path) ?? readFileSync(path, 'utf8');
  htmlCache.set(path, cached);
  return cached;
}

/**
 * The slot a test runs (this repetition of it, `repeatEachIndex`): a slot with nothing scheduled, or whose mutant is
 * already killed, skips the test before any browser context is made.
 */
export function openSlot(testInfo: TestInfo): Slot {
  const current = plan();
  // titlePath: [file, ...describe blocks, title].
  const path = testInfo.titlePath.slice(1);
  const slotId = current.mode === 'coverage' ? null : (current.schedule[path.join(' › ')]?.[testInfo.repeatEachIndex] ?? null);
  if (current.mode !== 'coverage') testInfo.skip(slotId === null, 'nothing scheduled in this slot');
  if (current.mode === 'mutants' && slotId !== null) testInfo.skip(existsSync(killedMarker(current, slotId)), `mutant ${slotId} is already killed`);
  return { plan: current, title: path.join(' › '), describePath: path.slice(0, -1), slotId, covered: new Set(), loadErrors: [] };
}

function watchLoad(page: Page, slot: Slot): () => void {
  let loaded = false;
  const onLoad = (): void => {
    loaded = true;
  };
  const onPageError = (error: Error): void => {
    if (!loaded) slot.loadErrors.push(`${error.name}: ${error.message}`);
  };
  page.on('load', onLoad);
  page.on('pageerror', onPageError);
  return () => {
    page.off('load', onLoad);
    page.off('pageerror', onPageError);
  };
}

/**
 * Arms a page (the `app` fixture's reused page) or a context (a plain suite's, made for this test) for the slot: the
 * switch as an init script, or the slot's app served in place of the artifact by a route that wins over the
 * sandbox's (`appUrl`: one URL, or every page of the app's origin), the coverage binding, and a listener for errors
 * at load. Returns what undoes it all (a context made for one test needs no undoing: it is closed).
 */
export async function armSlot(target: Page | BrowserContext, slot: Slot, appUrl: string | ((url: URL) => boolean)): Promise<() => Promise<void>> {
  const { plan: current, slotId } = slot;
  const undo: Array<() => Promise<void> | void> = [];
  const replacement = current.mode === 'artifacts' && slotId !== null ? current.artifacts[slotId] : undefined;
  if (replacement !== undefined) {
    const body = htmlOf(replacement);
    const serve = async (route: Route): Promise<void> => {
      if (typeof appUrl === 'string' || route.request().resourceType() === 'document') await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
      else await route.fallback();
    };
    await target.route(appUrl, serve);
    undo.push(() => target.unroute(appUrl, serve));
  }
  if (current.mode === 'coverage') {
    const binding = await target.exposeBinding('__ndliCovered', (_source, ids: string) => {
      for (const id of ids.split(',')) slot.covered.add(id);
    });
    undo.push(() => binding.dispose());
  }
  if (current.mode !== 'artifacts') {
    const script = await target.addInitScript(installSwitch, { mutantId: current.mode === 'mutants' ? slotId : null, hitLimit: current.hitLimit, coverage: current.mode === 'coverage' });
    undo.push(() => script.dispose());
  }
  if ('context' in target) {
    undo.push(watchLoad(target, slot));
  } else {
    for (const page of target.pages()) watchLoad(page, slot);
    target.on('page', (page) => watchLoad(page, slot));
  }
  return async () => {
    for (const step of undo.reverse()) await step();
  };
}

/** Writes the test's record (and the killed mark of its mutant); a slot's failure is marked expected. */
export function recordSlot(slot: Slot, testInfo: TestInfo): void {
  const { plan: current, title, describePath, slotId } = slot;
  const mutantId = current.mode === 'mutants' ? slotId : null;
  const artifactId = current.mode === 'artifacts' ? slotId : null;
  const status = testInfo.status ?? 'passed';
  const firstError = testInfo.errors[0]?.message;
  const record: TestRunRecord = {
    title,
    file: testInfo.titlePath[0] ?? '',
    describePath,
    ...(mutantId !== null ? { mutantId } : {}),
    ...(artifactId !== null ? { artifactId } : {}),
    status,
    ...(firstError ? { error: stripAnsi(firstError).split('\n').slice(0, 6).join('\n') } : {}),
    loadErrors: slot.loadErrors,
    ...(current.mode === 'coverage' ? { covered: [...slot.covered].sort((a, b) => Number(a) - Number(b)) } : {}),
  };
  mkdirSync(current.resultsDirectory, { recursive: true });
  writeFileSync(join(current.resultsDirectory, `${slotId ?? 'reference'}-${testInfo.repeatEachIndex}-${testInfo.testId}.json`), JSON.stringify(record));
  if (mutantId !== null && status !== 'passed' && status !== 'skipped') {
    mkdirSync(join(current.resultsDirectory, 'killed'), { recursive: true });
    writeFileSync(killedMarker(current, mutantId), title);
  }
  // A failing test is what a mutant or a seeded bug should cause: expected, so Playwright keeps this worker and
  // its browser instead of replacing them as it does after a real failure.
  if (slotId !== null && status !== 'passed' && status !== 'skipped') testInfo.fail();
}
