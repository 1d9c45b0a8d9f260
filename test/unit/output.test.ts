import fc from 'fast-check';
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

describe('json', () => {
  const printed = (value: unknown) => {
    const out = capture();
    streamOutput(out.streams, false).json(value);
    return out;
  };

  it('prints any JSON value exactly as JSON.stringify(value, null, 2) does', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expect(printed(value).written()).toBe(`${JSON.stringify(value, null, 2)}\n`);
      }),
    );
  });

  it('treats what JSON leaves out, dates and objects of other kinds as JSON.stringify does', () => {
    const bare = Object.assign(Object.create(null) as object, { a: 1, b: [undefined] });
    class Point {
      constructor(readonly x: number) {}
    }
    const value = {
      gone: undefined,
      fn: () => 1,
      list: [undefined, () => 1, Symbol('s'), new Date(Date.UTC(2026, 10, 27)), new Point(2), bare, [], {}],
      nested: { deeper: { deepest: [{ a: 'rad ett\nrad två' }], empty: [] } },
      text: 'citat "så här"\t',
      custom: { toJSON: () => ({ replaced: true }), hidden: 1 },
    };
    expect(printed(value).written()).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  it('writes a large report in pieces, nested long arrays too, which put together are the whole', () => {
    const rows = Array.from({ length: 20_000 }, (_, index) => ({ id: `0ZZ-${index}`, title: `Idé nummer ${index} – åäö`, tags: ['a', 'b'], extra: undefined }));
    const value = { meta: { total: rows.length }, sections: { stale: rows, shared: [rows.slice(0, 100)] } };
    const out = printed(value);
    expect(out.writes()).toBeGreaterThan(10);
    expect(out.written()).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });
});
