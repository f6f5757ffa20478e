import type { ComponentChildren } from 'preact';
import type { Failure, Verdict } from '../shared/run-schemas.js';
import { compareVerdicts, groupTests, testKey, type VerdictComparison } from '../shared/verdict-comparison.js';
import type { FailureLinks } from '../shared/view-model.js';
import { formatDuration } from './format.js';
import { TextBlock } from './text-block.js';

export interface EarlierVerdict {
  label: string;
  verdict: Verdict;
}

function ComparisonTable({ against, comparison }: { against: string; comparison: VerdictComparison }) {
  const row = (name: string, titles: readonly string[], testId: string) => (
    <div class="name-list" data-testid={testId}>
      <h4>
        {name} <span class="count">{titles.length}</span>
      </h4>
      <ul>
        {titles.map((title) => (
          <li key={title}>{title}</li>
        ))}
      </ul>
    </div>
  );
  return (
    <div class="comparison" data-testid={`comparison-${against.split(' ')[0]}`}>
      <h4>Against {against}</h4>
      <div class="diff-lists">
        {row('Fixed', comparison.fixed, 'fixed')}
        {row('Broken', comparison.broken, 'broken')}
        {row('Still failing', comparison.stillFailing, 'still-failing')}
      </div>
    </div>
  );
}

function List({ title, items }: { title: string; items: readonly string[] }) {
  if (items.length === 0) return null;
  return (
    <div>
      <h5>{title}</h5>
      <ul class="errors">
        {items.map((item, index) => (
          <li key={index}>{item}</li>
        ))}
      </ul>
    </div>
  );
}

function FailureCard({ failure, links, heldOut }: { failure: Failure; links: FailureLinks | undefined; heldOut: boolean }) {
  return (
    <details class="failure" data-testid="failure">
      <summary>
        ✗ {failure.title} <span class="muted">{failure.file}:{failure.line ?? '?'}</span>
        {heldOut ? <span class="badge held-out">HELD-OUT</span> : null}
      </summary>
      <div class="failure-body">
        <div class="failure-text">
          {failure.actions.length > 0 ? (
            <>
              <h5>Actions</h5>
              <ol>
                {failure.actions.map((action, index) => (
                  <li key={index}>{action}</li>
                ))}
              </ol>
            </>
          ) : null}
          {failure.expected !== undefined || failure.actual !== undefined ? (
            <table class="expected-actual" data-testid="expected-actual">
              <tbody>
                <tr>
                  <th>expected</th>
                  <td>
                    <code>{failure.expected ?? '—'}</code>
                  </td>
                </tr>
                <tr>
                  <th>actual</th>
                  <td>
                    <code>{failure.actual ?? '—'}</code>
                  </td>
                </tr>
              </tbody>
            </table>
          ) : null}
          <List title="Console errors" items={failure.consoleErrors} />
          <List title="Page errors" items={failure.pageErrors} />
          <List title="Dialogs" items={failure.dialogs} />
          <List title="Blocked requests" items={failure.blockedRequests} />
          {links?.tracePath ? (
            <p class="trace">
              Trace: <code data-testid="trace-command">npx playwright show-trace {links.tracePath}</code>
            </p>
          ) : null}
          <TextBlock title="Message" text={failure.message} open={false} />
        </div>
        {links?.screenshotUrl ? <img class="screenshot" src={links.screenshotUrl} alt={`screenshot when "${failure.title}" failed`} data-testid="failure-screenshot" /> : null}
      </div>
    </details>
  );
}

/** A verdict: tests by spec group, each failure with its evidence, judge errors apart, and what changed since earlier rounds. */
export function VerdictDetail({
  verdict,
  links,
  previous,
  best,
  heldOutTitles,
  children,
}: {
  verdict: Verdict;
  links: readonly FailureLinks[];
  previous: EarlierVerdict | undefined;
  best: EarlierVerdict | undefined;
  /** Full titles (`describe › title`) of the failing held-out tests: their failures are marked. */
  heldOutTitles?: ReadonlySet<string> | undefined;
  /** Shown under the heading (the round's held-out figures). */
  children?: ComponentChildren;
}) {
  // Links come in the order of the failures (two tests may share a title in different groups).
  const failuresByKey = new Map(verdict.failures.map((failure, index) => [testKey(failure), { failure, links: links[index] }]));
  return (
    <div class="verdict-detail" data-testid="verdict-detail">
      <h3>
        Verdict: {verdict.passed}/{verdict.total} passed
        {verdict.failed > 0 ? `, ${verdict.failed} failed` : ''}
        {verdict.judgeErrors.length > 0 ? `, ${verdict.judgeErrors.length} unjudged` : ''}
        <span class="muted"> · {formatDuration(verdict.durationMs)}</span>
      </h3>
      {children}
      {verdict.sandbox ? (
        <p class="muted">
          Chromium OS sandbox {verdict.sandbox.osSandbox ? 'on' : 'off'}: {verdict.sandbox.reason}
        </p>
      ) : null}
      {previous ? <ComparisonTable against={`previous (${previous.label})`} comparison={compareVerdicts(verdict, previous.verdict)} /> : null}
      {best ? <ComparisonTable against={`best (${best.label})`} comparison={compareVerdicts(verdict, best.verdict)} /> : null}
      {verdict.judgeErrors.length > 0 || verdict.runErrors.length > 0 ? (
        <div class="judge-errors" data-testid="judge-errors">
          <h4>Judge errors — the harness could not judge these; not the app's fault, not FIX blockers</h4>
          <ul>
            {verdict.judgeErrors.map((error, index) => (
              <li key={index}>
                <strong>{[...error.describePath, error.title].join(' › ')}</strong> <span class="muted">{error.file}:{error.line ?? '?'}</span>
                <pre>{error.message}</pre>
              </li>
            ))}
            {verdict.runErrors.map((error, index) => (
              <li key={`run-${index}`}>
                <pre>{error}</pre>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {verdict.flaky.length > 0 ? <List title="Flaky (failed, then passed on re-run)" items={verdict.flaky} /> : null}
      <div class="groups">
        {/* Groups with failures first and open; passing groups folded, one line each. */}
        {[...groupTests(verdict.tests)]
          .sort((a, b) => Number(b.failed > 0) - Number(a.failed > 0))
          .map((group) => (
            <details key={group.name} open={group.failed > 0} class={`group ${group.failed > 0 ? 'has-failures' : ''}`} data-testid="test-group">
              <summary>
                {group.failed > 0 ? '✗' : '✓'} {group.name}{' '}
                <span class="muted">
                  {group.tests.length - group.failed}/{group.tests.length}
                </span>
              </summary>
              {group.tests.map((test) => {
                const failure = failuresByKey.get(testKey(test));
                if (failure) return <FailureCard key={testKey(test)} failure={failure.failure} links={failure.links} heldOut={heldOutTitles?.has([...failure.failure.describePath, failure.failure.title].join(' › ')) ?? false} />;
                return (
                  <div key={testKey(test)} class={`test ${test.status}`}>
                    {test.status === 'passed' ? '✓' : test.status === 'judge-error' ? '⚠' : '·'} {test.title} <span class="muted">{test.status !== 'passed' ? test.status : ''}</span>
                  </div>
                );
              })}
            </details>
          ))}
      </div>
    </div>
  );
}

/** The generated app, live: scripts run, but the frame has no origin and the server's policy blocks every request. */
export function ArtifactFrame({ url, title }: { url: string; title: string }) {
  return (
    <div class="artifact">
      <h3>
        The artifact, live <span class="muted">(sandboxed, no network)</span>
      </h3>
      <iframe src={url} sandbox="allow-scripts" title={title} data-testid="artifact-frame" referrerpolicy="no-referrer" />
    </div>
  );
}
