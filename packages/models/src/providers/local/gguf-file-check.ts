import { open, stat } from 'node:fs/promises';
import { ModelFileError } from '../../errors.js';

const GGUF_MAGIC = 'GGUF';

/** What a GGUF header says, enough to reject a bad file before llama.cpp is asked to load it. */
export interface GgufFileFacts {
  sizeBytes: number;
  architecture: string | undefined;
  chatTemplate: string | undefined;
  trainContextSize: number | undefined;
}

/**
 * Checks that `path` is a readable GGUF whose tensors all start inside the file (a download cut short
 * fails here, whatever its name), and reads the facts the provider needs. Throws ModelFileError.
 */
export async function checkGgufFile(path: string, context: { provider: string; modelId: string }): Promise<GgufFileFacts> {
  const fail = (message: string, hint: string, cause?: unknown): ModelFileError => new ModelFileError({ ...context, path, message, hint, cause });
  const size = await stat(path).then(
    (stats) => stats.size,
    (error: unknown) => {
      throw fail(`The model file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, 'Check the path, or download the model with `ndli models pull`.', error);
    },
  );
  const magic = Buffer.alloc(4);
  const handle = await open(path, 'r');
  try {
    await handle.read(magic, 0, 4, 0);
  } finally {
    await handle.close();
  }
  if (magic.toString('latin1') !== GGUF_MAGIC) {
    throw fail(`${path} is not a GGUF model file (it does not start with "GGUF").`, 'The local provider runs llama.cpp models in GGUF format: download a .gguf file (e.g. `ndli models pull qwen2.5-coder-1.5b`).');
  }
  const { readGgufFileInfo } = await import('node-llama-cpp');
  const info = await readGgufFileInfo(path, { sourceType: 'filesystem', logWarnings: false }).catch((error: unknown) => {
    throw fail(`${path} is not a readable GGUF file: ${error instanceof Error ? error.message : String(error)}.`, 'The file is truncated or corrupt: delete it and download it again.', error);
  });
  const lastTensorStart = (info.tensorInfo ?? []).reduce((latest, tensor) => Math.max(latest, Number(tensor.fileOffset)), 0);
  if (lastTensorStart >= size) {
    throw fail(`${path} is cut short: its tensors reach past the end of the file (${size} bytes).`, 'The download was interrupted: delete it and download it again (`ndli models pull`).');
  }
  const metadata = info.metadata as { general?: { architecture?: string }; tokenizer?: { chat_template?: string } };
  const architectureMetadata = info.architectureMetadata as { context_length?: number };
  return {
    sizeBytes: size,
    architecture: metadata.general?.architecture,
    chatTemplate: metadata.tokenizer?.chat_template,
    trainContextSize: architectureMetadata.context_length,
  };
}
