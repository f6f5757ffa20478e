import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';

/**
 * Up to `count` items, drawn reproducibly from `seed` (pure-rand's xoroshiro128+, a partial Fisher–Yates
 * shuffle), returned in their original order. The same seed and list give the same sample on every machine.
 */
export function sampleReproducibly<T>(items: readonly T[], count: number, seed: number): T[] {
  if (count >= items.length) return [...items];
  const generator = xoroshiro128plus(seed);
  const indexes = items.map((_, index) => index);
  for (let position = 0; position < count; position += 1) {
    const pick = unsafeUniformIntDistribution(position, indexes.length - 1, generator);
    [indexes[position], indexes[pick]] = [indexes[pick] as number, indexes[position] as number];
  }
  return indexes
    .slice(0, count)
    .sort((a, b) => a - b)
    .map((index) => items[index] as T);
}
