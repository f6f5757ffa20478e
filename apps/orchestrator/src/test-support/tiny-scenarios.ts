import type { Transcript } from '@ndli/models';
import { fixScenario, passScenario } from '../transcripts/scenarios.js';
import { TINY_FIX_TASK, tinyApp } from './tiny-app.js';

// SCRIPTED runs of the `tiny` spec (tinySpecsDirectory): two Chromium tests per verdict instead of the calculator's
// 127, for end-to-end tests whose subject is the machinery around the judge (servers, kills, resumes), not a spec.

/** Green in round 1: INIT, REFINE ×2, GENERATE of the correct app. */
export function tinyPassScenario(modelId: string): Transcript {
  return passScenario({ modelId, reference: tinyApp(20) });
}

/** Round 1 generates the seeded bug (14 instead of 20): red; one FIX round (REFINE, GENERATE) makes it green. */
export function tinyFixScenario(modelId: string): Transcript {
  return fixScenario({ modelId, reference: tinyApp(20), buggy: tinyApp(14), bugDescription: 'shows 14 instead of 20', fixTaskNames: [TINY_FIX_TASK] });
}
