import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { copierOf, responseSerializer } from './serialize.js';

const person = z.object({
  id: z.string(),
  name: z.string(),
  org: z.object({ id: z.string(), name: z.string() }).nullable(),
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  phone: z.string().optional(),
  note: z.string().default(''),
  scores: z.record(z.string(), z.object({ points: z.number() })),
});
const page = z.object({ items: z.array(person), total: z.number() });

const row = {
  id: 'p1',
  name: '王老师',
  password_hash: 'scrypt$secret',
  org: { id: 's1', name: '一中', path: '/c/d/s1/' },
  groups: [{ id: 'g1', name: '数学组', sort: 3 }],
  scores: { t1: { points: 4, secret: true } },
  note: '备注',
};

function serialize(schema: z.ZodType, data: unknown, strict = false) {
  return responseSerializer(strict)({ schema, method: 'GET', url: '/api/x', httpStatus: '200' })(data);
}

describe('response serializer', () => {
  it('writes only the keys the schema declares, at every depth, as zod does', () => {
    const data = { items: [row, { ...row, id: 'p2', org: null, phone: '123' }], total: 2, debug: 'sql' };
    const written = serialize(page, data);
    expect(written).not.toContain('secret');
    expect(written).not.toContain('path');
    expect(written).not.toContain('sort');
    expect(written).not.toContain('debug');
    expect(written).toBe(JSON.stringify(z.encode(page, data)));
    expect(JSON.parse(written).items[1]).toEqual({
      id: 'p2',
      name: '王老师',
      org: null,
      groups: [{ id: 'g1', name: '数学组' }],
      phone: '123',
      scores: { t1: { points: 4 } },
      note: '备注',
    });
  });

  it('picks a discriminated union’s member by its tag, and hands other unions and transforms to zod', () => {
    const event = z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('a'), a: z.string() }),
      z.object({ kind: z.literal('b'), b: z.number() }),
    ]);
    expect(serialize(event, { kind: 'b', b: 2, a: 'x' })).toBe('{"kind":"b","b":2}');
    const either = z.union([z.object({ a: z.string() }), z.object({ b: z.string() })]);
    const extra = { b: 'y', c: 1 };
    expect(serialize(either, extra)).toBe('{"b":"y"}');
    expect(serialize(either, extra)).toBe(JSON.stringify(z.encode(either, extra)));
    const loose = z.looseObject({ a: z.string() });
    expect(serialize(loose, { a: 'x', b: 1 })).toBe('{"a":"x","b":1}');
    // zod refuses what only it can check, even outside strict mode
    expect(() => serialize(either, { c: 1 })).toThrow();
  });

  it('in strict mode refuses an answer that does not match its schema', () => {
    expect(() => serialize(page, { items: [], total: '2' }, true)).toThrow();
    expect(serialize(page, { items: [], total: '2' }, false)).toBe('{"items":[],"total":"2"}');
    expect(serialize(page, { items: [row], total: 1 }, true)).toBe(
      JSON.stringify(z.encode(page, { items: [row], total: 1 })),
    );
  });

  it('copies values that hold no object as they are (no copy made)', () => {
    const ids = z.array(z.string().nullable());
    const list = ['a', null];
    expect(copierOf(ids)(list)).toBe(list);
  });
});
