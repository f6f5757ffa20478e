import { describe, expect, it } from 'vitest';
import * as mutationEntry from './mutation-fixture.js';
import * as specEntry from '../app-fixture/index.js';

describe('`@ndli/ralph/spec` under the ndli-mutation condition', () => {
  it('exports everything the spec entry does (a spec that loads for a verdict loads for a mutation check)', () => {
    expect(Object.keys(mutationEntry).sort()).toEqual(Object.keys(specEntry).sort());
    expect(mutationEntry.PAGE_ACTIVITY_GLOBAL).toBe(specEntry.PAGE_ACTIVITY_GLOBAL);
    // Its own `test`: the judge's fixture plus the mutant switch.
    expect(mutationEntry.test).not.toBe(specEntry.test);
  });
});
