// Realistic scripted model answers for tests: calculator fragments as a 7B model writes them, good and bad.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReasoningState } from '../reasoning-state.js';

export const CALCULATOR_TASK = `# Pocket calculator
Build an immediate-execution calculator in one HTML file.
- \`#display\` shows the current value, initially \`0\`.
- Buttons \`[data-key="0"]\`…\`[data-key="9"]\`, \`[data-key="+"]\`, \`[data-key="-"]\`, \`[data-key="*"]\`, \`[data-key="/"]\`, \`[data-key="="]\`, \`[data-key="C"]\`.
- Division by zero shows \`Error\`.
- The keyboard works like the buttons.`;

export const DISPLAY_CODE =
  "let displayValue = '0';\nfunction updateDisplay() { document.getElementById('display').textContent = displayValue; }";
export const CLEAR_CODE =
  "function clearCalculator() { displayValue = '0'; operandA = null; pendingOperator = null; currentState = 'idle'; updateDisplay(); }";
export const MARKUP_CODE =
  '<div class="calculator"><div id="display">0</div><button data-key="7">7</button><button data-key="8">8</button><button data-key="+">+</button><button data-key="=">=</button><button data-key="C">C</button></div>';
export const STYLE_CODE =
  '.calculator { display: grid; grid-template-columns: repeat(4, 3rem); gap: 4px; }\n#display { grid-column: span 4; text-align: right; font: 2rem monospace; }';
export const DIGIT_CODE =
  "function inputDigit(digit) {\n  if (currentState === 'result' || displayValue === '0') { displayValue = digit; currentState = 'typing'; }\n  else { displayValue += digit; }\n  updateDisplay();\n}";
export const OPERATOR_CODE =
  "let operandA = null;\nlet pendingOperator = null;\nlet currentState = 'idle';\nfunction inputOperator(op) {\n  if (pendingOperator !== null && currentState === 'typing') { evaluate(); }\n  operandA = parseFloat(displayValue);\n  pendingOperator = op;\n  currentState = 'result';\n}";
export const EQUALS_CODE =
  "function evaluate() {\n  const b = parseFloat(displayValue);\n  let r;\n  switch (pendingOperator) {\n    case '+': r = operandA + b; break;\n    case '-': r = operandA - b; break;\n    case '*': r = operandA * b; break;\n    case '/': r = b === 0 ? 'Error' : operandA / b; break;\n    default: return;\n  }\n  displayValue = String(r);\n  pendingOperator = null;\n  currentState = 'result';\n  updateDisplay();\n}";
export const KEYBOARD_CODE =
  "document.addEventListener('keydown', (event) => {\n  if (/^[0-9]$/.test(event.key)) inputDigit(event.key);\n  else if ('+-*/'.includes(event.key)) inputOperator(event.key);\n  else if (event.key === 'Enter' || event.key === '=') evaluate();\n  else if (event.key === 'Escape') clearCalculator();\n});";
export const BUGGY_EQUALS_CODE =
  "function evaluate() {\n  const b = parseFloat(displayValue);\n  displayValue = String(eval(operandA + pendingOperator + b));\n  updateDisplay();\n}";

/** INIT: 4 solved (JS, JS, HTML, CSS), 4 unsolved with 7 blockers. */
export const INIT_STATE: ReasoningState = {
  solved_tasks: [
    { name: 'display_management', solution_code: DISPLAY_CODE },
    { name: 'clear_function', solution_code: CLEAR_CODE },
    { name: 'markup', solution_code: MARKUP_CODE },
    { name: 'styles', solution_code: STYLE_CODE },
  ],
  unsolved_tasks: [
    {
      name: 'digit_input',
      what_i_know: 'Digits append to displayValue',
      blockers: ['Does typing a digit after = start a new number or append to the result?'],
    },
    {
      name: 'operator_handling',
      what_i_know: 'Store operandA and pendingOperator',
      blockers: ['Is 2 + 3 + evaluated immediately when the second + is pressed?', 'What does pressing two operators in a row do?'],
    },
    {
      name: 'equals_function',
      what_i_know: 'Apply pendingOperator to operandA and the display value',
      blockers: ['What does division by zero show?', 'Does pressing = twice repeat the last operation?'],
    },
    {
      name: 'keyboard_support',
      what_i_know: 'Listen to keydown on document',
      blockers: ['Which key clears: Escape or Delete?', 'Does Enter act as =?'],
    },
  ],
  blocker_answers: [],
};

/** REFINE 1: digit_input, operator_handling and equals_function solved (+3). */
export const REFINE_1_STATE: ReasoningState = {
  solved_tasks: [
    ...INIT_STATE.solved_tasks,
    { name: 'digit_input', solution_code: DIGIT_CODE },
    { name: 'operator_handling', solution_code: OPERATOR_CODE },
    { name: 'equals_function', solution_code: EQUALS_CODE },
  ],
  unsolved_tasks: [INIT_STATE.unsolved_tasks[3]!],
  blocker_answers: [
    'A digit after = starts a new number.',
    'Yes: 2 + 3 + shows 5 (immediate execution).',
    'A second operator replaces the first.',
    'Division by zero shows Error.',
    'Pressing = twice does nothing more.',
  ],
};

/** REFINE 2: everything solved. */
export const REFINE_2_STATE: ReasoningState = {
  solved_tasks: [...REFINE_1_STATE.solved_tasks, { name: 'keyboard_support', solution_code: KEYBOARD_CODE }],
  unsolved_tasks: [],
  blocker_answers: [...REFINE_1_STATE.blocker_answers, 'Escape clears.', 'Enter acts as =.'],
};

export const CALCULATOR_HTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Calculator</title>
<style>
${STYLE_CODE}
</style>
</head>
<body>
${MARKUP_CODE}
<script>
${DISPLAY_CODE}
${OPERATOR_CODE}
${DIGIT_CODE}
${EQUALS_CODE}
${CLEAR_CODE}
${KEYBOARD_CODE}
document.querySelectorAll('[data-key]').forEach((button) => button.addEventListener('click', () => {
  const key = button.dataset.key;
  if (/^[0-9]$/.test(key)) inputDigit(key);
  else if (key === '=') evaluate();
  else if (key === 'C') clearCalculator();
  else inputOperator(key);
}));
updateDisplay();
</script>
</body>
</html>
`;

/** The lines the seed would print: Python splitlines of the file above. */
export const CALCULATOR_HTML_LINES = CALCULATOR_HTML.split('\n').length - 1;

export function stateJson(state: ReasoningState): string {
  return JSON.stringify(state);
}

export function artifactJson(html: string): string {
  return JSON.stringify({ html });
}

export async function temporaryDirectory(prefix = 'latent-core-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}
