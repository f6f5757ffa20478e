import type { ReasoningState } from '../reasoning-state.js';

/** Case, spacing and a final full stop do not make an answer new. */
export function answerKey(answer: string): string {
  return answer.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[.!]+$/, '');
}

/** Task names an answer is about: its `[task_name]` tag, else every known task name it mentions as a word. */
function tasksNamed(answer: string, taskNames: readonly string[]): string[] {
  const tag = /^\s*\[([^\]]+)\]/.exec(answer)?.[1]?.trim();
  if (tag !== undefined && taskNames.includes(tag)) return [tag];
  return taskNames.filter((name) => new RegExp(`(^|[^\\w])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w])`).test(answer));
}

/**
 * Keeps `blocker_answers` bounded, so REFINE prompts do not grow with every round and FIX round:
 * duplicates are merged, answers about tasks that are all solved are retired (their answer is in the
 * code now), and beyond `cap` the oldest are retired. Answers naming no known task stay until the cap.
 * Nothing is lost: retired answers move to `retired_blocker_answers` in the saved state.
 */
/** Each answer once: the first of those with the same text up to case, spacing and a final full stop (`answerKey`). */
export function uniqueAnswers(answers: readonly string[]): string[] {
  const seen = new Set<string>();
  return answers.filter((answer) => {
    const key = answerKey(answer);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function boundBlockerAnswers(state: ReasoningState, cap: number): ReasoningState {
  const openNames = new Set(state.unsolved_tasks.map((task) => task.name));
  const taskNames = [...state.solved_tasks, ...state.unsolved_tasks].map((task) => task.name);
  const active: string[] = [];
  const retired: string[] = [];
  for (const answer of uniqueAnswers(state.blocker_answers)) {
    const named = tasksNamed(answer, taskNames);
    if (named.length > 0 && named.every((name) => !openNames.has(name))) retired.push(answer);
    else active.push(answer);
  }
  const overCap = Math.max(0, active.length - cap);
  retired.push(...active.splice(0, overCap));
  const earlier = state.retired_blocker_answers ?? [];
  const earlierKeys = new Set(earlier.map(answerKey));
  const allRetired = [...earlier, ...retired.filter((answer) => !earlierKeys.has(answerKey(answer)))];
  const { retired_blocker_answers: _previous, ...rest } = state;
  return { ...rest, blocker_answers: active, ...(allRetired.length > 0 ? { retired_blocker_answers: allRetired } : {}) };
}
