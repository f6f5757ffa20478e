import type { GenerateObjectRequest } from '@ndli/models';
import { MockModel } from '@ndli/models/testing';
import type { ReasoningState, SolvedTask, UnsolvedTask } from '../reasoning-state.js';
import type { RefineOutput } from '../state/task-accounting.js';

/**
 * A SCRIPTED calculator run for the loop benchmark: INIT writes 4 tasks and asks about 24, each of 12
 * REFINE rounds solves 2 (their blockers answered), GENERATE assembles the file. The answers are
 * hand-shaped, not a model's: only their size matters here, and it depends on `refineOutput`.
 */

const BEHAVIOURS = [
  'digit_entry', 'decimal_point', 'leading_zero', 'digit_limit', 'add', 'subtract', 'multiply', 'divide',
  'power', 'equals', 'repeat_equals', 'operator_replace', 'clear_entry', 'clear_all', 'backspace', 'negate',
  'percent', 'square_root', 'division_by_zero', 'error_lock', 'number_format', 'keyboard_digits', 'keyboard_operators', 'keyboard_editing',
];

/** Plausible code of one task (about 600 characters, valid JavaScript). */
function taskCode(name: string, index: number): string {
  const camel = name.replace(/_(\w)/g, (_match, letter: string) => letter.toUpperCase());
  return [
    `function ${camel}(state, input) {`,
    `  // ${name.replace(/_/g, ' ')}: rule ${index + 1} of the task`,
    `  if (state.error && input !== 'C') return state;`,
    `  const entry = state.entry === null ? '0' : state.entry;`,
    `  const value = Number.parseFloat(entry);`,
    `  const next = { ...state, lastKey: input, history: [...state.history, input].slice(-16) };`,
    `  if (Number.isNaN(value)) return { ...next, entry: '0' };`,
    `  const result = applyRule${index}(value, state.pending, state.operand);`,
    `  if (!Number.isFinite(result)) return { ...next, error: true, display: 'Error' };`,
    `  next.display = formatNumber(result, 12);`,
    `  next.entry = input === '=' ? null : String(result);`,
    `  return next;`,
    `}`,
    `function applyRule${index}(value, pending, operand) {`,
    `  return pending === null ? value : pending(operand ?? value, value);`,
    `}`,
  ].join('\n');
}

function unsolvedTask(name: string): UnsolvedTask {
  const readable = name.replace(/_/g, ' ');
  return {
    name,
    what_i_know: `The ${readable} behaviour follows the task's rules for the display.`,
    blockers: [`Which rule of the task decides ${readable} at its edge cases?`, `What does the display show after ${readable} when an error is shown?`],
  };
}

const INIT_SOLVED: SolvedTask[] = [
  { name: 'page_markup', solution_code: '<div class="calculator"><div id="display">0</div><div class="keys"><button data-key="7">7</button><button data-key="8">8</button><button data-key="9">9</button><button data-key="/">÷</button></div></div>' },
  { name: 'page_styles', solution_code: '.calculator { display: grid; gap: 6px; width: 320px; }\n#display { font: 2rem monospace; text-align: right; padding: 8px; }\n.keys { display: grid; grid-template-columns: repeat(4, 1fr); gap: 4px; }' },
  { name: 'state_model', solution_code: "const initialState = { display: '0', entry: null, pending: null, operand: null, error: false, lastKey: null, history: [] };\nlet state = { ...initialState };" },
  { name: 'render', solution_code: "function render() {\n  document.getElementById('display').textContent = state.display;\n}" },
];

export const ITERATIONS = BEHAVIOURS.length / 2;

export interface ScriptedRun {
  model: MockModel;
  /** What the judge would get: one self-contained file. */
  html: string;
}

/** The state after `round` REFINE rounds (0 = INIT), complete. */
function stateAfter(round: number): ReasoningState {
  const solvedCount = round * 2;
  return {
    solved_tasks: [...INIT_SOLVED, ...BEHAVIOURS.slice(0, solvedCount).map((name, index) => ({ name, solution_code: taskCode(name, index) }))],
    unsolved_tasks: BEHAVIOURS.slice(solvedCount).map(unsolvedTask),
    blocker_answers: BEHAVIOURS.slice(0, solvedCount).map((name) => `[${name}] The task's rule for ${name.replace(/_/g, ' ')} settles both questions: follow it exactly.`),
  };
}

/** What REFINE round `round` answers: the complete state (full) or only what it adds (changes). */
function refineAnswer(round: number, mode: RefineOutput): ReasoningState {
  const complete = stateAfter(round);
  if (mode === 'full') return complete;
  const before = stateAfter(round - 1);
  return {
    solved_tasks: complete.solved_tasks.slice(before.solved_tasks.length),
    unsolved_tasks: complete.unsolved_tasks,
    blocker_answers: complete.blocker_answers.slice(before.blocker_answers.length),
  };
}

/** A `resolves` entry naming no task (the slip real models make with an unfamiliar field). */
export const BAD_RESOLVES = 'calculator';
/** The solved task a `full` answer leaves out when slipping. */
const LEFT_OUT_SOLVED = 'render';

/**
 * The same answer with one of each mechanical slip the loop mends: a bad `resolves` on the first task
 * it writes, its last unsolved task dropped (when one is left), and in `full` mode a solved task left
 * out (in `changes` mode leaving one out is the normal answer, not a slip). What each round means is
 * unchanged, so the mended states are the clean run's.
 */
export function withSlips(answer: ReasoningState, round: number, mode: RefineOutput): ReasoningState {
  const firstWritten = mode === 'full' ? INIT_SOLVED.length + (round - 1) * 2 : 0;
  const solved = answer.solved_tasks
    .map((task, index) => (index === firstWritten ? { ...task, resolves: [BAD_RESOLVES] } : task))
    .filter((task) => mode !== 'full' || task.name !== LEFT_OUT_SOLVED);
  return { ...answer, solved_tasks: solved, unsolved_tasks: answer.unsolved_tasks.slice(0, -1) };
}

/** The REFINE round a request is for, read from its prompt: retries ask the same round again. */
function roundOf(request: GenerateObjectRequest<unknown>): number {
  const match = /This is refinement round (\d+)\./.exec(request.prompt);
  return match?.[1] ? Number(match[1]) : 0;
}

function artifact(): string {
  const state = stateAfter(ITERATIONS);
  const code = (language: 'markup' | 'style' | 'script'): string =>
    state.solved_tasks
      .filter((task) => (language === 'markup' ? task.name === 'page_markup' : language === 'style' ? task.name === 'page_styles' : !task.name.startsWith('page_')))
      .map((task) => task.solution_code)
      .join('\n');
  return `<!DOCTYPE html>\n<html><head><style>\n${code('style')}\n</style></head>\n<body>\n${code('markup')}\n<script>\nfunction formatNumber(value, digits) { return String(Number(value.toPrecision(digits))); }\n${code('script')}\nrender();\n</script>\n</body></html>\n`;
}

export interface ScriptOptions {
  /** Every REFINE answer carries one of each mechanical slip (`withSlips`). */
  slips?: boolean;
}

/**
 * A scripted model answering INIT, 12 REFINE rounds and GENERATE in the given mode. Each REFINE answer
 * depends on the round asked (read from the prompt), so a retry gets the same answer again, slip and
 * all, as the slips reported from real models repeat.
 */
export function scriptedCalculatorRun(mode: RefineOutput, options: ScriptOptions = {}): ScriptedRun {
  const html = artifact();
  const respond = (request: GenerateObjectRequest<unknown>): string => {
    if (request.schemaName === 'generated_artifact') return JSON.stringify({ html });
    const round = roundOf(request);
    if (round === 0) return JSON.stringify(stateAfter(0));
    const answer = refineAnswer(round, mode);
    return JSON.stringify(options.slips ? withSlips(answer, round, mode) : answer);
  };
  // Enough answers for every attempt of every call (retries included).
  return { model: new MockModel({ modelId: 'scripted-bench', responses: Array.from({ length: (ITERATIONS + 2) * 3 }, () => respond) }), html };
}
