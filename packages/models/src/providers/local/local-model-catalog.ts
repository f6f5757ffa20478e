/**
 * The short curated list behind `local/<alias>`: a default coding model and a small one. Each is an
 * `hf:` URI with an explicit quant (so it resolves to one file without asking the hub which quants
 * exist), the download size as published on the model card, and the memory it needs at a 16K context.
 * The sizes were not measured here (no model download is reachable from the machine that wrote this).
 */
export interface LocalModelAlias {
  alias: string;
  description: string;
  /** `hf:<user>/<repo>:<quant>` */
  uri: string;
  /** The file the URI resolves to, as stored in the models folder. */
  fileName: string;
  /** Direct download address of that file. */
  url: string;
  /** Published file size, bytes. */
  downloadBytes: number;
  /** Estimated memory in use: the weights plus a 16K-token context (KV cache and buffers). */
  memoryBytes: number;
}

const GB = 1_000_000_000;

function huggingFace(user: string, repo: string, quant: string, fileName: string): Pick<LocalModelAlias, 'uri' | 'fileName' | 'url'> {
  return { uri: `hf:${user}/${repo}:${quant}`, fileName, url: `https://huggingface.co/${user}/${repo}/resolve/main/${fileName}` };
}

export const LOCAL_MODEL_ALIASES: readonly LocalModelAlias[] = [
  {
    alias: 'qwen2.5-coder-7b',
    description: 'default coding model: Qwen2.5-Coder 7B Instruct, Q4_K_M',
    ...huggingFace('bartowski', 'Qwen2.5-Coder-7B-Instruct-GGUF', 'Q4_K_M', 'Qwen2.5-Coder-7B-Instruct-Q4_K_M.gguf'),
    downloadBytes: 4.68 * GB,
    memoryBytes: 5.8 * GB,
  },
  {
    alias: 'qwen2.5-coder-1.5b',
    description: 'small model for modest machines: Qwen2.5-Coder 1.5B Instruct, Q4_K_M',
    ...huggingFace('bartowski', 'Qwen2.5-Coder-1.5B-Instruct-GGUF', 'Q4_K_M', 'Qwen2.5-Coder-1.5B-Instruct-Q4_K_M.gguf'),
    downloadBytes: 0.99 * GB,
    memoryBytes: 1.6 * GB,
  },
];

export const DEFAULT_LOCAL_MODEL_ALIAS = 'qwen2.5-coder-7b';
export const SMALL_LOCAL_MODEL_ALIAS = 'qwen2.5-coder-1.5b';

export function findLocalModelAlias(name: string): LocalModelAlias | undefined {
  return LOCAL_MODEL_ALIASES.find((entry) => entry.alias === name.toLowerCase());
}
