import type { Llama, LlamaModel } from 'node-llama-cpp';

/**
 * One llama.cpp runtime per process, and each model file loaded once: loading takes seconds to
 * minutes, so a model stays loaded across calls and rounds (every call still gets a fresh context).
 * node-llama-cpp is imported lazily, so the other providers never load the native module.
 */
let runtime: Promise<Llama> | undefined;
const loadedModels = new Map<string, Promise<LlamaModel>>();

/** What the runtime found, for the console's one line about the hardware. */
export interface LlamaBackend {
  /** `cuda`, `vulkan`, `metal`, or `false` for CPU only. */
  gpu: string | false;
  gpuDeviceNames: string[];
  cpuMathCores: number;
}

export async function llamaRuntime(): Promise<Llama> {
  runtime ??= (async () => {
    const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
    // `build: 'never'`: only the prebuilt binaries installed with the package are used, nothing is ever
    // compiled or downloaded at run time. `gpu: 'auto'` takes CUDA/Vulkan/Metal when a build for it is installed.
    return getLlama({ build: 'never', gpu: 'auto', logLevel: LlamaLogLevel.error, progressLogs: false, skipDownload: true });
  })();
  try {
    return await runtime;
  } catch (error) {
    runtime = undefined;
    throw error;
  }
}

export async function llamaBackend(): Promise<LlamaBackend> {
  const llama = await llamaRuntime();
  return { gpu: llama.gpu, gpuDeviceNames: llama.gpu === false ? [] : await llama.getGpuDeviceNames(), cpuMathCores: llama.cpuMathCores };
}

/** Total GPU memory llama.cpp sees (0 on CPU builds), for the fit check before a download. */
export async function llamaVramBytes(): Promise<number> {
  const llama = await llamaRuntime();
  return llama.gpu === false ? 0 : (await llama.getVramState()).total;
}

/** The model at `path`, loaded on first use and kept loaded until `releaseLocalModels`. */
export function loadedModel(path: string, load: (llama: Llama) => Promise<LlamaModel>): Promise<LlamaModel> {
  let model = loadedModels.get(path);
  if (model === undefined) {
    model = llamaRuntime().then(load);
    loadedModels.set(path, model);
    // A failed load is not cached: the next call tries again (the file may have been fixed).
    model.catch(() => loadedModels.delete(path));
  }
  return model;
}

/** Unloads every model and the runtime (at the end of a run and on Ctrl-C). Safe to call twice. */
export async function releaseLocalModels(): Promise<void> {
  const models = [...loadedModels.values()];
  loadedModels.clear();
  await Promise.allSettled(models.map(async (model) => (await model).dispose()));
  const current = runtime;
  runtime = undefined;
  if (current !== undefined) await current.then((llama) => llama.dispose()).catch(() => undefined);
}
