// The full mutation scores of the bundled specs (CI checks only a small sample):
//   pnpm specs:mutation [--max-mutants N|all] [--seed S] [--record] [spec …]
//   pnpm specs:mutation --table-only     (rewrites specs/README.md's table from the spec.json files, measures nothing)
// --record writes each measured score into the spec's spec.json ("mutation") and rewrites the table of
// specs/README.md from every spec.json, so the two never disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkSpecFolder, formatSpecCheck, listSpecNames, loadSpec, SpecManifestSchema, type MutationReport, type SpecManifest } from '@ndli/ralph';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'max-mutants': { type: 'string', default: 'all' }, seed: { type: 'string', default: '1' }, record: { type: 'boolean', default: false }, 'table-only': { type: 'boolean', default: false } },
});
const specsDirectory = import.meta.dirname;
const maxMutants = values['max-mutants'] === 'all' ? undefined : Number(values['max-mutants']);
const seed = Number(values.seed);
const names = positionals.length > 0 ? positionals : listSpecNames({ specsDirectory });

function record(name: string, mutation: MutationReport): void {
  const file = join(specsDirectory, name, 'spec.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const { killed, survived, invalid, equivalent, score } = mutation.score;
  if (score === undefined) return;
  manifest.mutation = {
    score: Number(score.toFixed(3)),
    killed,
    survived,
    invalid,
    equivalent,
    sampled: mutation.sampled,
    generated: mutation.generated,
    seed: mutation.seed,
    secondsPerMutant: Number((mutation.msPerMutant / 1000).toFixed(2)),
  };
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

const TABLE_START = '<!-- mutation-scores:start (written by pnpm specs:mutation --record) -->';
const TABLE_END = '<!-- mutation-scores:end -->';

/** The README's table of scores, from every spec.json (a spec not yet measured says so). */
function rewriteReadmeTable(): void {
  const readme = join(specsDirectory, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf(TABLE_START);
  const end = text.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`specs/README.md has no ${TABLE_START} … ${TABLE_END} block to rewrite.`);
  const lines = listSpecNames({ specsDirectory }).map((name) => {
    const { mutation } = loadManifest(name);
    if (!mutation) return `| ${name} | not yet measured | | | |`;
    const counts = `${mutation.killed} / ${mutation.survived} / ${mutation.invalid} / ${mutation.equivalent ?? 0}`;
    // Declared-equivalent mutants are never sampled: a run of every other mutant is a run of all.
    const everyOne = mutation.sampled + (mutation.equivalent ?? 0) >= mutation.generated;
    const sample = everyOne ? `all ${mutation.generated}` : `${mutation.sampled} of ${mutation.generated} (seed ${mutation.seed})`;
    return `| ${name} | ${(mutation.score * 100).toFixed(1)} % | ${counts} | ${sample} | ${mutation.secondsPerMutant === undefined ? '—' : `${mutation.secondsPerMutant.toFixed(2)} s`} |`;
  });
  const table = ['| spec | mutation score | killed / survived / invalid / equivalent | mutants | time per mutant |', '| --- | --- | --- | --- | --- |', ...lines].join('\n');
  writeFileSync(readme, `${text.slice(0, start + TABLE_START.length)}\n${table}\n${text.slice(end)}`);
}

function loadManifest(name: string): SpecManifest {
  return SpecManifestSchema.parse(JSON.parse(readFileSync(join(specsDirectory, name, 'spec.json'), 'utf8')));
}

const rows: string[] = [];
for (const name of values['table-only'] ? [] : names) {
  const report = await checkSpecFolder({
    spec: loadSpec(name, { specsDirectory }),
    mutantsOnly: true,
    ...(maxMutants === undefined ? {} : { maxMutants }),
    seed,
    onProgress: (message) => process.stderr.write(`→ ${name}: ${message}\n`),
  });
  process.stdout.write(`${formatSpecCheck(report)}\n\n`);
  const { mutation } = report;
  if (mutation && values.record) record(name, mutation);
  const score = mutation?.score.score;
  rows.push(
    `| ${name} | ${score === undefined ? '—' : `${(score * 100).toFixed(1)} %`} | ${mutation ? `${mutation.score.killed} / ${mutation.score.survived} / ${mutation.score.invalid} / ${mutation.score.equivalent}` : '—'} | ${mutation ? `${mutation.sampled} of ${mutation.generated}` : '—'} | ${mutation ? (mutation.msPerMutant / 1000).toFixed(2) : '—'} s |`,
  );
}
if (!values['table-only']) process.stdout.write(['| spec | mutation score | killed / survived / invalid / equivalent | mutants | time per mutant |', '| --- | --- | --- | --- | --- |', ...rows].join('\n') + '\n');
if (values.record || values['table-only']) rewriteReadmeTable();
