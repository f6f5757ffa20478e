import type { SpecCheckReport } from './check-spec-folder.js';

function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

/** The report of `ndli spec check`: surviving mutants first (with their diffs), then every check. */
export function formatSpecCheck(report: SpecCheckReport): string {
  const lines: string[] = [];
  const { mutation } = report;
  if (mutation) {
    const survivors = mutation.outcomes.filter((outcome) => outcome.status === 'survived');
    if (survivors.length > 0) {
      lines.push(`Surviving mutants (${survivors.length}): behaviour no test pins down`);
      for (const outcome of survivors) lines.push(`  #${outcome.mutant.id} ${outcome.mutant.mutatorName} (column ${outcome.mutant.location.start.column + 1}): ${outcome.reason}`, ...outcome.diff.split('\n').map((line) => `      ${line}`));
      lines.push('');
    }
    const apart = mutation.outcomes.filter((outcome) => outcome.status === 'invalid' || outcome.status === 'skipped');
    if (apart.length > 0) {
      lines.push(`Invalid or skipped mutants (${apart.length}, not in the score):`);
      for (const outcome of apart) lines.push(`  #${outcome.mutant.id} ${outcome.status} (${outcome.mutant.mutatorName}): ${outcome.reason}`);
      lines.push('');
    }
    const equivalent = mutation.outcomes.filter((outcome) => outcome.status === 'equivalent');
    if (equivalent.length > 0) {
      lines.push(`Declared equivalent mutants (${equivalent.length}, spec.json, not tested, not in the score):`);
      for (const outcome of equivalent) lines.push(`  #${outcome.mutant.id} ${outcome.mutant.mutatorName}: ${outcome.reason}`, ...outcome.diff.split('\n').map((line) => `      ${line}`));
      lines.push('');
    }
  }
  lines.push(`Spec ${report.spec}:`);
  for (const result of report.checks) {
    lines.push(`  ${result.ok ? '✓' : '✗'} ${result.name}`);
    for (const problem of result.problems) lines.push(...problem.split('\n').map((line) => `      ${line}`));
  }
  if (mutation) {
    const { killed, survived, invalid, equivalent, skipped, score } = mutation.score;
    const sample = mutation.sampled < mutation.generated ? `${mutation.sampled} of ${mutation.generated} sampled (seed ${mutation.seed})` : `all ${mutation.generated}`;
    lines.push(
      `  mutation score: ${score === undefined ? 'none (no mutant judged)' : percent(score)} — ${killed} killed, ${survived} survived, ${invalid} invalid, ${equivalent} declared equivalent, ${skipped} skipped; mutants: ${sample}`,
      `  mutant time: ${(mutation.durationMs / 1000).toFixed(1)} s, ${(mutation.msPerMutant / 1000).toFixed(2)} s per mutant`,
    );
  }
  lines.push(`${report.ok ? '✓ spec holds' : '✗ spec does not hold'} (${(report.durationMs / 1000).toFixed(1)} s)`);
  return lines.join('\n');
}
