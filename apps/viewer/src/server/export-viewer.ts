import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EmbeddedData } from '../shared/view-model.js';
import { withArtifactPolicyMeta } from './artifact-policy.js';
import { exportLinks } from './links.js';
import { listDirectories } from './list-directories.js';
import { readBench } from './read-bench.js';
import { readRun } from './read-run.js';
import { readUiAsset, uiShell } from './ui-assets.js';
import { ViewerRoots } from './viewer-roots.js';

export interface ExportSummary {
  directory: string;
  runs: number;
  benches: number;
  files: number;
}

/**
 * `ndli view --export <dir>`: the UI, every run and bench as embedded JSON, and the files they link
 * (screenshots, artifacts under the no-network policy). `index.html` opens from disk, no server.
 */
export function exportViewer(options: { roots: readonly string[]; directory: string }): ExportSummary {
  const roots = new ViewerRoots(options.roots);
  const linked = new Map<string, 'file' | 'artifact'>();
  const links = exportLinks((location, kind) => linked.set(`${kind}:${location}`, kind));
  const index = listDirectories(roots);
  const data: EmbeddedData = { index, runs: {}, benches: {} };
  for (const run of index.runs) {
    const view = readRun(run.location, roots, links);
    if (view) data.runs[run.location] = view;
  }
  for (const bench of index.benches) {
    const view = readBench(bench.location, roots, links);
    if (view) data.benches[bench.location] = view;
  }
  mkdirSync(join(options.directory, 'assets'), { recursive: true });
  writeFileSync(join(options.directory, 'index.html'), uiShell({ embeddedData: true }));
  writeFileSync(join(options.directory, 'assets', 'app.js'), readUiAsset('app.js'));
  writeFileSync(join(options.directory, 'assets', 'app.css'), readUiAsset('app.css'));
  // A script, not a .json file: browsers refuse fetch() on file:// pages but run a <script src>. `<` is escaped so no text closes the script.
  writeFileSync(join(options.directory, 'data.js'), `window.__NDLI_DATA__ = ${JSON.stringify(data).replace(/</g, '\\u003c')};\n`);
  let files = 0;
  for (const [key, kind] of linked) {
    const location = key.slice(kind.length + 1);
    const source = roots.resolve(location);
    if (!source) continue;
    const target = join(options.directory, kind === 'file' ? 'files' : 'artifacts', ...location.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    if (kind === 'artifact') writeFileSync(target, withArtifactPolicyMeta(readFileSync(source, 'utf8')));
    else copyFileSync(source, target);
    files += 1;
  }
  return { directory: options.directory, runs: Object.keys(data.runs).length, benches: Object.keys(data.benches).length, files };
}
