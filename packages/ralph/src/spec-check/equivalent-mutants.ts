import type { EquivalentMutant } from '../spec-folder/spec-folder.js';
import type { MutantOutcome } from './classify-mutant.js';
import type { Mutant } from './instrument-reference.js';

export interface EquivalenceMatch {
  /** Mutant id → the declaration that covers it. */
  declared: Map<string, EquivalentMutant>;
  /** Declarations that match no mutant of the reference (it changed since they were written). */
  stale: EquivalentMutant[];
}

function matches(mutant: Mutant, declaration: EquivalentMutant): boolean {
  const { start } = mutant.location;
  const column = declaration.column === undefined || start.column + 1 === declaration.column;
  return start.line + 1 === declaration.line && column && mutant.mutatorName === declaration.mutator && mutant.replacement === declaration.replacement;
}

/** Which mutants spec.json declares equivalent (pure). */
export function matchEquivalentMutants(mutants: readonly Mutant[], declarations: readonly EquivalentMutant[]): EquivalenceMatch {
  const declared = new Map<string, EquivalentMutant>();
  const stale: EquivalentMutant[] = [];
  for (const declaration of declarations) {
    const covered = mutants.filter((mutant) => matches(mutant, declaration));
    if (covered.length === 0) stale.push(declaration);
    for (const mutant of covered) declared.set(mutant.id, declaration);
  }
  return { declared, stale };
}

export function equivalentOutcome(mutant: Mutant, declaration: EquivalentMutant): MutantOutcome {
  return { mutant, status: 'equivalent', reason: `declared equivalent in spec.json: ${declaration.reason}`, testsRun: 0 };
}

export function describeDeclaration(declaration: EquivalentMutant): string {
  const column = declaration.column === undefined ? '' : `, column ${declaration.column}`;
  return `line ${declaration.line}${column} ${declaration.mutator} → ${declaration.replacement}`;
}
