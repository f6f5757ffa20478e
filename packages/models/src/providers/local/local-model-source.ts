import { isAbsolute, join, resolve } from 'node:path';
import { ModelSpecError } from '../../errors.js';
import { LOCAL_MODEL_ALIASES, findLocalModelAlias, type LocalModelAlias } from './local-model-catalog.js';
import { modelsDirectory } from './models-directory.js';

/** Where a `local/<model>` lives and, when it can be downloaded, where from. */
export interface LocalModelSource {
  /** As written after `local/`. */
  name: string;
  /** The GGUF file on disk (which may not exist yet). */
  path: string;
  /** Set for aliases and `hf:` URIs: what `ndli models pull` downloads. */
  download?: { url: string; uri: string; downloadBytes?: number; memoryBytes?: number; alias?: string };
}

const HF_URI = /^hf:([\w.-]+)\/([\w.-]+):([\w.-]+)$/i;

/**
 * `<alias>` from the catalog, `hf:<user>/<repo>:<quant>`, or a path to a `.gguf` file. An `hf:` URI
 * names the file `<repo without -GGUF>-<quant>.gguf`, the naming of the common GGUF publishers
 * (bartowski, the Qwen org, unsloth); a repository named otherwise needs the file's path or URL.
 */
export function resolveLocalModel(name: string, directory: string = modelsDirectory()): LocalModelSource {
  const trimmed = name.trim();
  const alias = findLocalModelAlias(trimmed);
  if (alias !== undefined) return fromAlias(alias, directory);
  const uri = HF_URI.exec(trimmed);
  if (uri !== null) {
    const [, user = '', repo = '', quant = ''] = uri;
    const fileName = `${repo.replace(/-GGUF$/i, '')}-${quant}.gguf`;
    const known = LOCAL_MODEL_ALIASES.find((entry) => entry.fileName === fileName);
    if (known !== undefined) return fromAlias(known, directory, trimmed);
    return {
      name: trimmed,
      path: join(directory, fileName),
      download: { uri: trimmed, url: `https://huggingface.co/${user}/${repo}/resolve/main/${fileName}` },
    };
  }
  if (trimmed.toLowerCase().endsWith('.gguf')) return { name: trimmed, path: isAbsolute(trimmed) ? trimmed : resolve(trimmed) };
  throw new ModelSpecError(
    `Unknown local model "${trimmed}": not an alias, an hf: URI or a .gguf file.`,
    `Aliases: ${LOCAL_MODEL_ALIASES.map((entry) => entry.alias).join(', ')}; or local/hf:<user>/<repo>:<quant>; or local/<path/to/model.gguf>.`,
  );
}

function fromAlias(alias: LocalModelAlias, directory: string, name: string = alias.alias): LocalModelSource {
  return {
    name,
    path: join(directory, alias.fileName),
    download: { url: alias.url, uri: alias.uri, downloadBytes: alias.downloadBytes, memoryBytes: alias.memoryBytes, alias: alias.alias },
  };
}
