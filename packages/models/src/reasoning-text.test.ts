import { describe, expect, it } from 'vitest';
import { estimateTokens, joinReasoning, separateReasoning } from './reasoning-text.js';

describe('separateReasoning', () => {
  it('takes a leading <think> block with braces and code off the answer', () => {
    const text = '<think>\nThe state is {"a": 1}; code: function f() { return "}"; }\n</think>\n{"answer":"4"}';
    expect(separateReasoning(text)).toEqual({ answer: '{"answer":"4"}', reasoning: 'The state is {"a": 1}; code: function f() { return "}"; }', unclosed: false });
  });

  it('knows <thinking> and <reasoning>, in any case, after leading whitespace', () => {
    expect(separateReasoning('  <Thinking>hm</Thinking>{"x":1}')).toMatchObject({ answer: '{"x":1}', reasoning: 'hm' });
    expect(separateReasoning('<reasoning>r</reasoning> {"x":1}')).toMatchObject({ answer: '{"x":1}', reasoning: 'r' });
  });

  it('flags a block the token limit cut before it closed', () => {
    expect(separateReasoning('<think>still going { "partial": ')).toEqual({ answer: '', reasoning: 'still going { "partial":', unclosed: true });
  });

  it('takes a closing tag without an opening one (the template opened the block)', () => {
    expect(separateReasoning('I should answer 4.\n</think>\n{"answer":"4"}')).toEqual({ answer: '{"answer":"4"}', reasoning: 'I should answer 4.', unclosed: false });
  });

  it('leaves JSON alone whose strings mention think tags', () => {
    const text = '{"code":"<think>x</think>","note":"a </think> b"}';
    expect(separateReasoning(text)).toEqual({ answer: text, reasoning: undefined, unclosed: false });
  });

  it('leaves text without a block alone', () => {
    expect(separateReasoning('{"a":1}')).toEqual({ answer: '{"a":1}', reasoning: undefined, unclosed: false });
  });
});

describe('joinReasoning / estimateTokens', () => {
  it('joins present parts and drops empty ones', () => {
    expect(joinReasoning('server', undefined, ' ', 'inline')).toBe('server\n\ninline');
    expect(joinReasoning(undefined, '')).toBeUndefined();
  });

  it('estimates about four characters a token', () => {
    expect(estimateTokens('12345678')).toBe(2);
    expect(estimateTokens('123456789')).toBe(3);
  });
});
