import { z } from 'zod';
import type { AppDiagnostics } from './spec/app-fixture.js';

/** The `ndli-diagnostics` attachment each spec test carries (written by the `app` fixture). */
export const AppDiagnosticsSchema = z.object({
  actions: z.array(z.string()).default([]),
  consoleErrors: z.array(z.string()).default([]),
  pageErrors: z.array(z.string()).default([]),
  dialogs: z.array(z.string()).default([]),
  blockedRequests: z.array(z.string()).default([]),
});

// Keeps the schema and the fixture's interface in step: this fails to compile if they drift.
const _sameShape: AppDiagnostics = AppDiagnosticsSchema.parse({}) satisfies z.infer<typeof AppDiagnosticsSchema>;

export const EMPTY_DIAGNOSTICS: AppDiagnostics = { actions: [], consoleErrors: [], pageErrors: [], dialogs: [], blockedRequests: [] };

export function parseDiagnostics(base64Body: string | undefined): AppDiagnostics {
  if (!base64Body) return EMPTY_DIAGNOSTICS;
  try {
    const parsed = AppDiagnosticsSchema.safeParse(JSON.parse(Buffer.from(base64Body, 'base64').toString('utf8')));
    return parsed.success ? parsed.data : EMPTY_DIAGNOSTICS;
  } catch {
    return EMPTY_DIAGNOSTICS;
  }
}
