import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balancedSpanEnd, extractJsonText, jsonCandidates } from './json-extraction.js';

const FENCE = '```';

function candidates(text: string): { strategy: string; value: unknown }[] {
  return [...jsonCandidates(text)].map(({ strategy, value }) => ({ strategy, value }));
}

describe('jsonCandidates', () => {
  it('parses valid raw JSON whole, even when its strings contain fences and braces', () => {
    const value = { solution_code: `// usage:\n${FENCE}js\nconst x = { a: "}" };\n${FENCE}\n</script>`, n: 1 };
    expect(candidates(JSON.stringify(value))).toEqual([{ strategy: 'whole-text', value }]);
  });

  it('takes a fenced block when the text around it is prose', () => {
    expect(candidates(`Here it is:\n${FENCE}json\n{"a": 1}\n${FENCE}\nDone.`)[0]).toEqual({ strategy: 'fenced-block', value: { a: 1 } });
  });

  it('falls back to a balanced span that ignores braces inside strings', () => {
    const text = 'Sure! {"code": "if (x) { y(); }", "q": "a \\" } b"} hope that helps {';
    expect(candidates(text)[0]).toEqual({ strategy: 'balanced-scan', value: { code: 'if (x) { y(); }', q: 'a " } b' } });
  });

  it('yields nothing for text without JSON', () => {
    expect(candidates('no json here { not: really')).toEqual([]);
    expect(candidates('')).toEqual([]);
  });

  it('keeps the old helper answering with the chosen text', () => {
    expect(extractJsonText(`${FENCE}json\n{"a":1}\n${FENCE}`)).toBe('{"a":1}');
    expect(extractJsonText('  nothing  ')).toBe('nothing');
  });
});

describe('balancedSpanEnd', () => {
  it('finds the matching close, skipping strings and escapes', () => {
    const text = '{"a":"}\\"}","b":[1,{"c":2}]} tail';
    expect(balancedSpanEnd(text, 0)).toBe(text.indexOf(' tail') - 1);
    expect(balancedSpanEnd('{"open": "never closed', 0)).toBe(-1);
  });
});

/** Strings that stress every extraction rule: braces, quotes, backslashes, fences, script tags, think tags. */
const nastyString = fc
  .array(fc.constantFrom('{', '}', '[', ']', '"', '\\', '\n', FENCE, `${FENCE}js\n`, `${FENCE}json\n`, '</script>', '<think>', '</think>', 'x', ' ', ':', ','), { maxLength: 30 })
  .map((parts) => parts.join(''));

const stateLike = fc.record({
  solved_tasks: fc.array(fc.record({ task: nastyString, solution_code: nastyString }), { maxLength: 3 }),
  notes: nastyString,
});

describe('jsonCandidates (properties)', () => {
  it('finds exactly the object in any valid JSON text, whatever its strings hold', () => {
    fc.assert(
      fc.property(stateLike, fc.boolean(), (value, pretty) => {
        const text = pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value);
        const [first] = candidates(text);
        expect(first).toEqual({ strategy: 'whole-text', value });
      }),
    );
  });

  it('finds the object wrapped in a fence or in prose', () => {
    fc.assert(
      fc.property(stateLike, fc.constantFrom('fence', 'prose'), (value, wrapping) => {
        const json = JSON.stringify(value);
        const text = wrapping === 'fence' ? `Answer:\n${FENCE}json\n${json}\n${FENCE}` : `Here is the state: ${json} — done.`;
        const found = candidates(text).map((candidate) => candidate.value);
        expect(found).toContainEqual(value);
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), nastyString), (text) => {
        expect(() => [...jsonCandidates(text)]).not.toThrow();
      }),
    );
  });
});
