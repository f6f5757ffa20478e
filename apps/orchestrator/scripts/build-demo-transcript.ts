// Writes transcripts/demo.jsonl, the SCRIPTED transcript behind `--model replay/demo`, from the
// calculator spec's reference and one of its seeded bugs. The FIX round's answer must name the FIX
// tasks it resolves, so the buggy app is judged here (real Chromium) to learn the names Ralph gives
// them. Run again whenever the spec, the bug or Ralph's FIX tasks change:
//   pnpm --filter @ndli/orchestrator build:demo
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeTranscript } from '@ndli/models';
import { loadSpec, runSpecs, toFixBlockers } from '@ndli/ralph';
import { fixScenario } from '../src/transcripts/scenarios.js';

export const DEMO_BUG = 'operator-precedence';

const spec = await loadSpec('calculator');
const bug = spec.bugs.find((candidate) => candidate.name === DEMO_BUG);
if (!bug) throw new Error(`The calculator spec has no bug variant "${DEMO_BUG}".`);
const fixTaskNames = toFixBlockers(await runSpecs({ spec, artifact: bug.path })).map((task) => task.name);
if (fixTaskNames.length === 0) throw new Error(`The bug variant "${DEMO_BUG}" passes every test: it cannot show a FIX round.`);
const transcript = fixScenario({
  modelId: 'scripted-demo',
  reference: readFileSync(spec.referencePath, 'utf8'),
  buggy: readFileSync(bug.path, 'utf8'),
  bugDescription: bug.description,
  fixTaskNames,
});
const path = fileURLToPath(new URL('../transcripts/demo.jsonl', import.meta.url));
writeTranscript(path, transcript);
console.log(`wrote ${path}: ${transcript.calls.length} scripted calls; the FIX round resolves ${fixTaskNames.join(', ')}`);
