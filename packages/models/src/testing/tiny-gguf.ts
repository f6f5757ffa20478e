import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A tiny llama-architecture GGUF with random weights, written by hand so tests run real llama.cpp
 * inference without downloading anything: 2 layers, embedding 64, a 260-token byte vocabulary
 * (`<unk>`, `<s>`, `</s>`, 256 byte tokens, `▁`), about 470 KB. Bytes 0x80–0xFF are marked unused so a
 * random model's output stays ASCII. It proves the wiring (loading, sampling, grammar, streaming,
 * abort), never quality: random weights write nothing meaningful.
 */
export interface TinyGgufOptions {
  /** Seeds the weights: the same seed writes the same file. */
  seed?: number;
  /** A Jinja chat template; `null` writes a model without one (a bad-input case). Default ChatML. */
  chatTemplate?: string | null;
  /** The model's training context length (`llama.context_length`). Default 4096. */
  contextLength?: number;
  /**
   * ASCII characters the model strongly prefers wherever the grammar allows them (e.g. `"]}` to close
   * strings and arrays soon). Random weights close a string only by chance; with this, answers to
   * schemas without maxLength end too. Default none: uniformly random preferences.
   */
  favouredCharacters?: string;
}

export const TINY_GGUF_CHATML_TEMPLATE =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

const EMBEDDING = 64;
const FEED_FORWARD = 128;
const HEADS = 4;
const LAYERS = 2;
const ALIGNMENT = 32;

enum ValueType {
  UInt32 = 4,
  Int32 = 5,
  Float32 = 6,
  Bool = 7,
  String = 8,
  Array = 9,
}

type MetadataValue =
  | { type: ValueType.UInt32 | ValueType.Int32 | ValueType.Float32; value: number }
  | { type: ValueType.Bool; value: boolean }
  | { type: ValueType.String; value: string }
  | { type: ValueType.Array; itemType: ValueType.String; value: readonly string[] }
  | { type: ValueType.Array; itemType: ValueType.Float32 | ValueType.Int32; value: readonly number[] };

/** Writes the tiny model into a fresh temp folder and returns its path. */
export async function writeTinyGguf(options: TinyGgufOptions = {}): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'ndli-tiny-gguf-'));
  const path = join(folder, 'tiny-random-llama.gguf');
  await writeFile(path, tinyGgufBytes(options));
  return path;
}

/** The file's bytes (GGUF version 3, F32 tensors). */
export function tinyGgufBytes(options: TinyGgufOptions = {}): Buffer {
  const vocabulary = byteVocabulary();
  const metadata: [string, MetadataValue][] = [
    ['general.architecture', { type: ValueType.String, value: 'llama' }],
    ['general.name', { type: ValueType.String, value: 'tiny-random-llama' }],
    ['general.alignment', { type: ValueType.UInt32, value: ALIGNMENT }],
    ['llama.context_length', { type: ValueType.UInt32, value: options.contextLength ?? 4096 }],
    ['llama.embedding_length', { type: ValueType.UInt32, value: EMBEDDING }],
    ['llama.block_count', { type: ValueType.UInt32, value: LAYERS }],
    ['llama.feed_forward_length', { type: ValueType.UInt32, value: FEED_FORWARD }],
    ['llama.attention.head_count', { type: ValueType.UInt32, value: HEADS }],
    ['llama.attention.head_count_kv', { type: ValueType.UInt32, value: HEADS }],
    ['llama.rope.dimension_count', { type: ValueType.UInt32, value: EMBEDDING / HEADS }],
    ['llama.attention.layer_norm_rms_epsilon', { type: ValueType.Float32, value: 1e-5 }],
    ['tokenizer.ggml.model', { type: ValueType.String, value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: ValueType.Array, itemType: ValueType.String, value: vocabulary.tokens }],
    ['tokenizer.ggml.scores', { type: ValueType.Array, itemType: ValueType.Float32, value: vocabulary.scores }],
    ['tokenizer.ggml.token_type', { type: ValueType.Array, itemType: ValueType.Int32, value: vocabulary.types }],
    ['tokenizer.ggml.unknown_token_id', { type: ValueType.UInt32, value: 0 }],
    ['tokenizer.ggml.bos_token_id', { type: ValueType.UInt32, value: 1 }],
    ['tokenizer.ggml.eos_token_id', { type: ValueType.UInt32, value: 2 }],
    ['tokenizer.ggml.add_bos_token', { type: ValueType.Bool, value: true }],
  ];
  const template = options.chatTemplate === undefined ? TINY_GGUF_CHATML_TEMPLATE : options.chatTemplate;
  if (template !== null) metadata.push(['tokenizer.chat_template', { type: ValueType.String, value: template }]);

  const random = seededRandom(options.seed ?? 1);
  const tensors = tensorShapes(vocabulary.tokens.length).map(({ name, dims }) => ({
    name,
    dims,
    data: name.endsWith('norm.weight') ? constant(product(dims), 1) : randomWeights(product(dims), random, 1 / Math.sqrt(dims[0] ?? 1)),
  }));
  if (options.favouredCharacters !== undefined) favour(tensors, options.favouredCharacters);

  const writer = new ByteWriter();
  writer.raw(Buffer.from('GGUF', 'latin1'));
  writer.u32(3);
  writer.u64(tensors.length);
  writer.u64(metadata.length);
  for (const [key, value] of metadata) {
    writer.string(key);
    writer.value(value);
  }
  let offset = 0;
  for (const tensor of tensors) {
    writer.string(tensor.name);
    writer.u32(tensor.dims.length);
    for (const dim of tensor.dims) writer.u64(dim);
    writer.u32(0); // GGML_TYPE_F32
    writer.u64(offset);
    offset += alignUp(tensor.data.byteLength, ALIGNMENT);
  }
  writer.pad(ALIGNMENT);
  for (const tensor of tensors) {
    writer.raw(Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
    writer.pad(ALIGNMENT);
  }
  return writer.bytes();
}

/**
 * Every token embedding gets a large constant first component, so the normalised hidden state always
 * points that way; the output rows of the favoured characters' byte tokens read that component, all
 * others ignore it. Their logits then dominate wherever the grammar allows them.
 */
function favour(tensors: { name: string; data: Float32Array }[], characters: string): void {
  const embedding = tensors.find((tensor) => tensor.name === 'token_embd.weight')?.data;
  const output = tensors.find((tensor) => tensor.name === 'output.weight')?.data;
  if (embedding === undefined || output === undefined) return;
  const favoured = new Set([...characters].map((character) => FIRST_BYTE_TOKEN + character.charCodeAt(0)));
  for (let token = 0; token * EMBEDDING < embedding.length; token += 1) {
    embedding[token * EMBEDDING] = 4;
    output[token * EMBEDDING] = favoured.has(token) ? 3 : 0;
  }
}

/** `<unk>`, `<s>`, `</s>` come first: byte b is token 3 + b. */
const FIRST_BYTE_TOKEN = 3;

function byteVocabulary(): { tokens: string[]; scores: number[]; types: number[] } {
  // Token types as llama.cpp reads them: 2 unknown, 3 control, 6 byte, 5 unused, 1 normal.
  const tokens = ['<unk>', '<s>', '</s>'];
  const types = [2, 3, 3];
  for (let byte = 0; byte < 256; byte += 1) {
    tokens.push(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(byte < 0x80 ? 6 : 5);
  }
  tokens.push('▁');
  types.push(1);
  return { tokens, scores: tokens.map(() => 0), types };
}

function tensorShapes(vocabularySize: number): { name: string; dims: number[] }[] {
  const shapes = [
    { name: 'token_embd.weight', dims: [EMBEDDING, vocabularySize] },
    { name: 'output_norm.weight', dims: [EMBEDDING] },
    { name: 'output.weight', dims: [EMBEDDING, vocabularySize] },
  ];
  for (let layer = 0; layer < LAYERS; layer += 1) {
    const block = `blk.${layer}`;
    shapes.push(
      { name: `${block}.attn_norm.weight`, dims: [EMBEDDING] },
      { name: `${block}.attn_q.weight`, dims: [EMBEDDING, EMBEDDING] },
      { name: `${block}.attn_k.weight`, dims: [EMBEDDING, EMBEDDING] },
      { name: `${block}.attn_v.weight`, dims: [EMBEDDING, EMBEDDING] },
      { name: `${block}.attn_output.weight`, dims: [EMBEDDING, EMBEDDING] },
      { name: `${block}.ffn_norm.weight`, dims: [EMBEDDING] },
      { name: `${block}.ffn_gate.weight`, dims: [EMBEDDING, FEED_FORWARD] },
      { name: `${block}.ffn_up.weight`, dims: [EMBEDDING, FEED_FORWARD] },
      { name: `${block}.ffn_down.weight`, dims: [FEED_FORWARD, EMBEDDING] },
    );
  }
  return shapes;
}

function product(dims: readonly number[]): number {
  return dims.reduce((total, dim) => total * dim, 1);
}

function constant(length: number, value: number): Float32Array {
  return new Float32Array(length).fill(value);
}

function randomWeights(length: number, random: () => number, scale: number): Float32Array {
  const values = new Float32Array(length);
  for (let index = 0; index < length; index += 1) values[index] = (random() * 2 - 1) * scale;
  return values;
}

/** mulberry32: a small seeded generator, so a seed always writes the same model. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

function alignUp(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}

class ByteWriter {
  private readonly chunks: Buffer[] = [];
  private length = 0;

  raw(bytes: Buffer): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  u32(value: number): void {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32LE(value);
    this.raw(bytes);
  }

  u64(value: number): void {
    const bytes = Buffer.alloc(8);
    bytes.writeBigUInt64LE(BigInt(value));
    this.raw(bytes);
  }

  string(value: string): void {
    const bytes = Buffer.from(value, 'utf8');
    this.u64(bytes.length);
    this.raw(bytes);
  }

  value(entry: MetadataValue): void {
    this.u32(entry.type);
    if (entry.type === ValueType.Array) {
      this.u32(entry.itemType);
      this.u64(entry.value.length);
      for (const item of entry.value) this.scalar(entry.itemType, item);
      return;
    }
    this.scalar(entry.type, entry.value);
  }

  pad(alignment: number): void {
    const missing = alignUp(this.length, alignment) - this.length;
    if (missing > 0) this.raw(Buffer.alloc(missing));
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }

  private scalar(type: ValueType, value: number | string | boolean): void {
    const bytes = Buffer.alloc(4);
    if (type === ValueType.String) return this.string(String(value));
    if (type === ValueType.Bool) return this.raw(Buffer.from([value === true ? 1 : 0]));
    if (type === ValueType.Float32) bytes.writeFloatLE(Number(value));
    else if (type === ValueType.Int32) bytes.writeInt32LE(Number(value));
    else bytes.writeUInt32LE(Number(value));
    this.raw(bytes);
  }
}
