import type { BenchListItem } from '../shared/view-model.js';
import { formatDate } from './format.js';
import { benchHref } from './route.js';

export function BenchesList({ benches }: { benches: readonly BenchListItem[] }) {
  return (
    <section>
      <h2>Benches</h2>
      {benches.length === 0 ? <p class="muted">No bench under the roots (benches live in bench/&lt;id&gt;/).</p> : null}
      <table class="benches">
        <tbody>
          {benches.map((bench) => (
            <tr key={bench.location}>
              <td>
                <a href={benchHref(bench.location)}>{bench.name}</a>
                {bench.scripted ? <span class="badge scripted">SCRIPTED</span> : null}
              </td>
              <td>{bench.models.join(', ')}</td>
              <td>{bench.specs.join(', ')}</td>
              <td>{bench.modes.join(', ')}</td>
              <td class="number">
                {bench.finished} trial(s) finished
              </td>
              <td>{formatDate(bench.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
