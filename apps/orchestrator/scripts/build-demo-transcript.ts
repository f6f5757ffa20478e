// Writes transcripts/demo.jsonl, the SCRIPTED transcript behind `--model replay/demo`, from the
// calculator spec's reference and one of its seeded bugs. Run again whenever either changes:
//   pnpm --filter @ndli/orchestrator build:demo
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeTranscript } from '@ndli/models';
import { loadSpec } from '@ndli/ralph';
import { fixScenario } from '../src/transcripts/scenarios.js';

export const DEMO_BUG = 'operator-precedence';

const spec = await loadSpec('calculator');
const bug = spec.bugs.find((candidate) => candidate.name === DEMO_BUG);
if (!bug) throw new Error(`The calculator spec has no bug variant "${DEMO_BUG}".`);
const transcript = fixScenario({
  modelId: 'scripted-demo',
  reference: readFileSync(spec.referencePath, 'utf8'),
  buggy: readFileSync(bug.path, 'utf8'),
  bugDescription: bug.description,
});
const path = fileURLToPath(new URL('../transcripts/demo.jsonl', import.meta.url));
writeTranscript(path, transcript);
console.log(`wrote ${path}: ${transcript.calls.length} scripted calls`);
