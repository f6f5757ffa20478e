import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AppDiagnostics } from './app-fixture/app-fixture.js';

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

/** The attachment as the JSON report gives it: a file the fixture kept up to date, or (older reports) an inline body. */
export interface DiagnosticsAttachment {
  path?: string | undefined;
  body?: string | undefined;
}

function attachmentText(attachment: DiagnosticsAttachment | undefined): string | undefined {
  if (attachment?.path && existsSync(attachment.path)) return readFileSync(attachment.path, 'utf8');
  return attachment?.body ? Buffer.from(attachment.body, 'base64').toString('utf8') : undefined;
}

export function parseDiagnostics(attachment: DiagnosticsAttachment | undefined): AppDiagnostics {
  const text = attachmentText(attachment);
  if (!text) return EMPTY_DIAGNOSTICS;
  try {
    const parsed = AppDiagnosticsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : EMPTY_DIAGNOSTICS;
  } catch {
    return EMPTY_DIAGNOSTICS;
  }
}
