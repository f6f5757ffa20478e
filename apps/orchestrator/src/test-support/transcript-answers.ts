import type { Transcript } from '@ndli/models';
import type { ScriptedResponse } from '@ndli/models/testing';

/** A transcript's answers as MockModel responses (a recorded transport failure becomes a thrown error). */
export function transcriptAnswers(transcript: Transcript): ScriptedResponse[] {
  return transcript.calls.map((call) => ('response' in call ? call.response.rawText : new Error(call.error.message)));
}
