// `@ndli/ralph/spec` under the `ndli-mutation` export condition: the judge's `app` fixture, plus the switch that
// activates one Stryker mutant per test (set before the app's own script runs) and records each test's outcome.
// Spec files import `@ndli/ralph/spec` as usual; only a mutation check's Playwright run resolves it here.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Route, TestInfo } from '@playwright/test';
import { stripAnsi } from '../assertion-message.js';
import { test as judged } from '../app-fixture/app-fixture.js';
import { MUTATION_PLAN_ENV, MutationPlanSchema, type MutationPlan, type TestRunRecord } from './mutation-plan.js';

// Everything `@ndli/ralph/spec` exports, so a spec that imports more than `test` loads here too; this module's own
// `test` takes the place of the judge's (a local export wins over `export *`).
export * from '../app-fixture/index.js';

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

function fullTitle(testInfo: TestInfo): { title: string; describePath: string[] } {
  // titlePath: [file, ...describe blocks, title].
  const path = testInfo.titlePath.slice(1);
  return { title: path.join(' › '), describePath: path.slice(0, -1) };
}

interface Slot {
  plan: MutationPlan;
  title: string;
  describePath: string[];
  /** What this slot runs: a mutant id (`mutants`), an app's id (`artifacts`), nothing (`coverage`). */
  slotId: string | null;
}

const htmlCache = new Map<string, string>();
function htmlOf(path: string): string {
  const cached = htmlCache.get(path) ?? readFileSync(path, 'utf8');
  htmlCache.set(path, cached);
  return cached;
}

export const test = judged.extend<{ mutationSlot: Slot }>({
  // Auto, and needing no other fixture: a slot with nothing to run skips before any browser context is made.
  mutationSlot: [
    // Playwright reads a fixture's dependencies from its first parameter's destructuring: `{}` = none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, testInfo) => {
      const current = plan();
      const { title, describePath } = fullTitle(testInfo);
      const slotId = current.mode === 'coverage' ? null : (current.schedule[title]?.[testInfo.repeatEachIndex] ?? null);
      if (current.mode !== 'coverage') testInfo.skip(slotId === null, 'nothing scheduled in this slot');
      if (current.mode === 'mutants' && slotId !== null) testInfo.skip(existsSync(killedMarker(current, slotId)), `mutant ${slotId} is already killed`);
      await use({ plan: current, title, describePath, slotId });
    },
    { auto: true },
  ],
  // Before the app opens on the (reused) page: the switch as an init script (or the slot's app, served in place of
  // the artifact by a page route, which wins over the context's), the coverage binding, and a listener for errors at
  // load, all undone after the test so the next test's slot starts clean.
  beforeAppOpen: async ({ mutationSlot }, use, testInfo) => {
    const { plan: current, title, describePath, slotId } = mutationSlot;
    const mutantId = current.mode === 'mutants' ? slotId : null;
    const artifactId = current.mode === 'artifacts' ? slotId : null;
    const covered = new Set<string>();
    const loadErrors: string[] = [];
    await use(async (page, { url }) => {
      const undo: Array<() => Promise<void>> = [];
      const replacement = artifactId === null ? undefined : current.artifacts[artifactId];
      if (replacement !== undefined) {
        const body = htmlOf(replacement);
        const serve = (route: Route): Promise<void> => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
        await page.route(url, serve);
        undo.push(() => page.unroute(url, serve));
      }
      if (current.mode === 'coverage') {
        const binding = await page.exposeBinding('__ndliCovered', (_source, ids: string) => {
          for (const id of ids.split(',')) covered.add(id);
        });
        undo.push(() => binding.dispose());
      }
      if (current.mode !== 'artifacts') {
        const script = await page.addInitScript(installSwitch, { mutantId, hitLimit: current.hitLimit, coverage: current.mode === 'coverage' });
        undo.push(() => script.dispose());
      }
      let loaded = false;
      const onLoad = (): void => {
        loaded = true;
      };
      const onPageError = (error: Error): void => {
        if (!loaded) loadErrors.push(`${error.name}: ${error.message}`);
      };
      page.on('load', onLoad);
      page.on('pageerror', onPageError);
      return async () => {
        page.off('load', onLoad);
        page.off('pageerror', onPageError);
        for (const step of undo.reverse()) await step();
      };
    });

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
      loadErrors,
      ...(current.mode === 'coverage' ? { covered: [...covered].sort((a, b) => Number(a) - Number(b)) } : {}),
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
  },
});
