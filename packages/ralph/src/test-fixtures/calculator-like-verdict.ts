import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildVerdict } from '../build-verdict.js';
import { PlaywrightReportSchema } from '../playwright-report.js';
import type { Verdict } from '../verdict.js';

export const calculatorLikeReportPath = fileURLToPath(new URL('./reports/calculator-like.report.json', import.meta.url));

export const calculatorLikeContext = {
  spec: 'calculator',
  artifact: '/tmp/calculator.html',
  testsDirectory: '/specs/calculator/tests',
  browser: { executablePath: '/usr/bin/chromium', source: 'system' as const },
  outputDirectory: '/out',
  durationMs: 2410.4,
};

/** The verdict of a recorded-shape Playwright JSON report (ANSI-coloured errors, diagnostics, a test that never ran). */
export function calculatorLikeVerdict(): Verdict {
  const report = PlaywrightReportSchema.parse(JSON.parse(readFileSync(calculatorLikeReportPath, 'utf8')));
  return buildVerdict(report, calculatorLikeContext);
}
