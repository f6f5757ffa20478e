import { describe, expect, it } from 'vitest';
import type { EquivalentMutant } from '../spec-folder/spec-folder.js';
import { mutationScore } from './classify-mutant.js';
import { equivalentOutcome, matchEquivalentMutants } from './equivalent-mutants.js';
import type { Mutant } from './instrument-reference.js';

function mutant(id: string, line: number, mutatorName: string, replacement: string): Mutant {
  return { id, mutatorName, replacement, location: { start: { line: line - 1, column: 4 }, end: { line: line - 1, column: 9 } } };
}

const declaration = (line: number, mutator: string, replacement: string): EquivalentMutant => ({ line, mutator, replacement, reason: 'shown is never read while entry is set' });

describe('matchEquivalentMutants', () => {
  const mutants = [mutant('1', 108, 'StringLiteral', '""'), mutant('2', 108, 'ConditionalExpression', 'true'), mutant('3', 120, 'StringLiteral', '""')];

  it('matches a declaration by 1-based line, mutator and replacement only', () => {
    const { declared, stale } = matchEquivalentMutants(mutants, [declaration(108, 'StringLiteral', '""')]);
    expect([...declared.keys()]).toEqual(['1']);
    expect(stale).toEqual([]);
  });

  it('tells two mutants of one line apart by an optional 1-based column', () => {
    const twins = [mutant('7', 131, 'ConditionalExpression', 'true'), { ...mutant('8', 131, 'ConditionalExpression', 'true'), location: { start: { line: 130, column: 20 }, end: { line: 130, column: 30 } } }];
    expect([...matchEquivalentMutants(twins, [declaration(131, 'ConditionalExpression', 'true')]).declared.keys()]).toEqual(['7', '8']);
    expect([...matchEquivalentMutants(twins, [{ ...declaration(131, 'ConditionalExpression', 'true'), column: 21 }]).declared.keys()]).toEqual(['8']);
  });

  it('reports a declaration that matches no mutant as stale', () => {
    const { declared, stale } = matchEquivalentMutants(mutants, [declaration(109, 'StringLiteral', '""'), declaration(120, 'StringLiteral', '"x"')]);
    expect(declared.size).toBe(0);
    expect(stale).toHaveLength(2);
  });

  it('keeps declared mutants out of the score, counted apart', () => {
    const [first, second] = mutants;
    if (!first || !second) throw new Error('fixture');
    const outcomes = [equivalentOutcome(first, declaration(108, 'StringLiteral', '""')), { mutant: second, status: 'killed' as const, reason: 'caught', testsRun: 1 }];
    expect(outcomes[0]?.reason).toBe('declared equivalent in spec.json: shown is never read while entry is set');
    expect(mutationScore(outcomes)).toEqual({ killed: 1, survived: 0, invalid: 0, equivalent: 1, skipped: 0, score: 1 });
  });
});
