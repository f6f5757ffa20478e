import type { RoundView } from './view-model.js';

/** One entry of a round's timeline, pointing into the round by index. */
export type RoundStep = { kind: 'call'; index: number } | { kind: 'state'; index: number } | { kind: 'verdict' };

const LAST = 1_000_000;

/** Where a state sits in the round: INIT/FIX first, REFINE N after its call, the final state before GENERATE. */
function stateKey(name: string): [number, number] {
  if (name === 'state_init' || name === 'state_fix') return [0, 1];
  const refine = /^state_refine_(\d+)$/.exec(name);
  if (refine) return [Number(refine[1]), 1];
  return [LAST, 0];
}

function callKey(phase: string, iteration: number | undefined): [number, number] {
  if (phase === 'refine') return [iteration ?? 0, 0];
  if (phase === 'generate' || phase === 'one-shot') return [LAST, 1];
  if (phase === 'init' || phase === 'fix') return [0, 0];
  return [LAST - 1, 0];
}

/**
 * The order a round happened in: each call followed by the state it produced, GENERATE after the final
 * state, the verdict last. Call files are numbered in order, so ties keep their file order.
 */
export function roundSteps(round: Pick<RoundView, 'calls' | 'states' | 'verdict'>): RoundStep[] {
  const keyed: { key: [number, number, number]; step: RoundStep }[] = [
    ...round.calls.map((call, index) => {
      const [major, minor] = callKey(call.record?.phase ?? 'unknown', call.record?.iteration);
      return { key: [major, minor, index] as [number, number, number], step: { kind: 'call', index } as RoundStep };
    }),
    ...round.states.map((state, index) => {
      const [major, minor] = stateKey(state.name);
      return { key: [major, minor, index] as [number, number, number], step: { kind: 'state', index } as RoundStep };
    }),
  ];
  keyed.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2]);
  return [...keyed.map((entry) => entry.step), ...(round.verdict ? [{ kind: 'verdict' } as RoundStep] : [])];
}
