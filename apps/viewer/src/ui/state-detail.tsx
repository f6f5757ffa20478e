import { diffLines } from 'diff';
import type { ReasoningState } from '../shared/run-schemas.js';
import { diffStates, type RewrittenTask } from '../shared/state-diff.js';
import type { StateSnapshot } from '../shared/view-model.js';

function CodeDiff({ task }: { task: RewrittenTask }) {
  const parts = diffLines(task.before, task.after);
  return (
    <details class="code-diff" open data-testid="code-diff">
      <summary>{task.name}</summary>
      <pre>
        {parts.map((part, index) => (
          <span key={index} class={part.added ? 'added' : part.removed ? 'removed' : 'same'}>
            {part.value
              .replace(/\n$/, '')
              .split('\n')
              .map((line) => `${part.added ? '+ ' : part.removed ? '- ' : '  '}${line}\n`)
              .join('')}
          </span>
        ))}
      </pre>
    </details>
  );
}

function NameList({ title, names, testId }: { title: string; names: readonly string[]; testId: string }) {
  return (
    <div class="name-list" data-testid={testId}>
      <h4>
        {title} <span class="count">{names.length}</span>
      </h4>
      {names.length > 0 ? (
        <ul>
          {names.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function StateColumn({ title, state }: { title: string; state: ReasoningState | undefined }) {
  return (
    <div class="state-column">
      <h4>{title}</h4>
      {state ? (
        <>
          <p>
            {state.solved_tasks.length} solved · {state.unsolved_tasks.length} unsolved · {state.unsolved_tasks.reduce((sum, task) => sum + task.blockers.length, 0)} blockers · {state.blocker_answers.length} answers
          </p>
          <ul class="tasks">
            {state.solved_tasks.map((task) => (
              <li key={`s-${task.name}`} class="solved">
                ✓ {task.name}
              </li>
            ))}
            {state.unsolved_tasks.map((task) => (
              <li key={`u-${task.name}`} class="unsolved">
                ? {task.name}
                <ul>
                  {task.blockers.map((blocker, index) => (
                    <li key={index}>{blocker}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p class="muted">none (the first state of the loop)</p>
      )}
    </div>
  );
}

/** A state beside the one before it: what was added, resolved, rewritten (with its code diff), still open. */
export function StateDetail({ snapshot, previous }: { snapshot: StateSnapshot; previous: StateSnapshot | undefined }) {
  if (!snapshot.state) return <p class="problem">{snapshot.name}: {snapshot.problem}</p>;
  const diff = diffStates(previous?.state, snapshot.state);
  return (
    <div class="state-detail" data-testid="state-detail">
      <h3>
        {snapshot.name} <span class="muted">compared with {previous ? previous.name : 'nothing (first state)'}</span>
      </h3>
      <div class="diff-lists">
        <NameList title="Added" names={diff.added} testId="tasks-added" />
        <NameList title="Resolved" names={diff.resolved} testId="tasks-resolved" />
        <NameList title="Rewritten" names={diff.rewritten.map((task) => task.name)} testId="tasks-rewritten" />
        <NameList title="Still open" names={diff.stillOpen} testId="tasks-still-open" />
        {diff.reopened.length > 0 ? <NameList title="Reopened" names={diff.reopened} testId="tasks-reopened" /> : null}
        {diff.dropped.length > 0 ? <NameList title="Dropped" names={diff.dropped} testId="tasks-dropped" /> : null}
      </div>
      {diff.blockerAnswersAdded.length > 0 ? (
        <div data-testid="answers-added">
          <h4>Blocker answers added ({diff.blockerAnswersAdded.length})</h4>
          <ul class="answers">
            {diff.blockerAnswersAdded.map((answer, index) => (
              <li key={index}>{answer}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {diff.rewritten.length > 0 ? <h4>Code of rewritten tasks</h4> : null}
      {diff.rewritten.map((task) => (
        <CodeDiff key={task.name} task={task} />
      ))}
      <div class="side-by-side">
        <StateColumn title={previous ? `Before: ${previous.name}` : 'Before'} state={previous?.state} />
        <StateColumn title={`After: ${snapshot.name}`} state={snapshot.state} />
      </div>
    </div>
  );
}
