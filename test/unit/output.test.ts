import { describe, expect, it } from 'vitest';
import { streamOutput } from '../../src/cli/container.js';
import type { Streams } from '../../src/cli/container.js';

function capture(): { streams: Streams; written: () => string; writes: () => number } {
  const parts: string[] = [];
  const sink = { write: (text: string) => parts.push(text) > 0, isTTY: false };
  return { streams: { stdin: process.stdin, stdout: sink, stderr: sink } as unknown as Streams, written: () => parts.join(''), writes: () => parts.length };
}

describe('jsonArray', () => {
  it.each([
    ['no items', []],
    ['one item', [{ id: '115-7M4QD', title: 'Digitala lås' }]],
    ['nested values and texts with newlines, quotes and tabs', [{ a: [1, { b: 'rad ett\nrad "två"\t' }], c: {} }, [], 'x', null]],
  ])('prints %s exactly as JSON.stringify(items, null, 2) does', (_, items) => {
    const out = capture();
    streamOutput(out.streams, false).jsonArray(items as unknown[], (item) => item);
    expect(out.written()).toBe(`${JSON.stringify(items, null, 2)}\n`);
  });

  it('writes a long list in pieces, which put together are the whole array', () => {
    const items = Array.from({ length: 5000 }, (_, index) => ({ id: index, title: `Idé nummer ${index}`, tags: ['a', 'b'] }));
    const out = capture();
    streamOutput(out.streams, false).jsonArray(items, (item) => ({ ...item, path: `ideas/${item.id}.md` }));
    expect(out.writes()).toBeGreaterThan(1);
    expect(out.written()).toBe(`${JSON.stringify(items.map((item) => ({ ...item, path: `ideas/${item.id}.md` })), null, 2)}\n`);
  });
});
