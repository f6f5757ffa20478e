import { freemem, totalmem } from 'node:os';
import { LOCAL_MODEL_ALIASES } from './local-model-catalog.js';

export interface MachineMemory {
  totalRamBytes: number;
  freeRamBytes: number;
  /** Total GPU memory, 0 without a GPU build or device. */
  totalVramBytes: number;
}

export interface MemoryFit {
  verdict: 'fits' | 'tight' | 'too-large';
  /** One line for the console; names a smaller alias when there is one that fits. */
  message: string;
}

/** The machine's memory; VRAM from llama.cpp when a GPU build is loaded (never fails: 0 when unknown). */
export async function machineMemory(vram: () => Promise<number> = async () => 0): Promise<MachineMemory> {
  return { totalRamBytes: totalmem(), freeRamBytes: freemem(), totalVramBytes: await vram().catch(() => 0) };
}

const GB = 1e9;

/**
 * Will a model needing `memoryBytes` run here? Refused when it exceeds 90 % of RAM and VRAM together
 * (the system needs the rest); tight when it exceeds the memory free right now. Estimates, stated as such.
 */
export function memoryFit(memoryBytes: number, machine: MachineMemory): MemoryFit {
  const usable = 0.9 * (machine.totalRamBytes + machine.totalVramBytes);
  const needs = `needs about ${(memoryBytes / GB).toFixed(1)} GB`;
  const smaller = LOCAL_MODEL_ALIASES.filter((entry) => entry.memoryBytes < memoryBytes && entry.memoryBytes <= usable).sort((a, b) => b.memoryBytes - a.memoryBytes)[0];
  const instead = smaller === undefined ? '' : ` Try the smaller \`${smaller.alias}\` (about ${(smaller.memoryBytes / GB).toFixed(1)} GB).`;
  if (memoryBytes > usable) {
    return { verdict: 'too-large', message: `This model ${needs}; this machine has ${(machine.totalRamBytes / GB).toFixed(1)} GB RAM${machine.totalVramBytes > 0 ? ` and ${(machine.totalVramBytes / GB).toFixed(1)} GB VRAM` : ''}.${instead}` };
  }
  if (memoryBytes > machine.freeRamBytes + machine.totalVramBytes) {
    return { verdict: 'tight', message: `This model ${needs}; only ${(machine.freeRamBytes / GB).toFixed(1)} GB RAM is free right now: close other programs, or expect swapping.${instead}` };
  }
  return { verdict: 'fits', message: `This model ${needs}: it fits this machine.` };
}
