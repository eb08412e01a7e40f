import { isDeepStrictEqual } from 'node:util';
import type { FastifySerializerCompiler } from 'fastify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { $ZodType, safeEncode } from 'zod/v4/core';

/**
 * Answers are written from their zod output schema without zod checking them at every request.
 *
 * zod's encode checks each field of an answer and copies it, keeping only the keys its schema declares;
 * for a list page of twenty rows that was 11 % of the server's CPU (a CPU profile of `projects.school`
 * under load). What an answer must never carry is a key its schema does not declare (a password hash
 * on a row spread into a DTO): the copy below keeps only declared keys, as zod does, and leaves the
 * checking of types to the tests, where `strict` runs zod beside it and refuses any answer the two
 * write differently. Parts the copy cannot follow (transforms, unions of objects without a discriminator,
 * tuples, recursion) are handed to zod's encode, checks included.
 */
export function responseSerializer(strict: boolean): FastifySerializerCompiler<unknown> {
  return ({ schema: maybeSchema, method, url }) => {
    const schema = zodSchemaOf(maybeSchema);
    const copy = copierOf(schema);
    if (!strict) return (data: unknown) => JSON.stringify(copy(data));
    return (data: unknown) => {
      const checked = safeEncode(schema, data);
      if (checked.error) throw new ResponseSerializationError(method, url, { cause: checked.error });
      const expected = JSON.stringify(checked.data);
      const written = JSON.stringify(copy(data));
      if (written !== expected && !isDeepStrictEqual(JSON.parse(written), JSON.parse(expected))) {
        throw new Error(
          `${method} ${url}: the fast copy wrote ${written.slice(0, 300)} where zod wrote ${expected.slice(0, 300)}`,
        );
      }
      return expected;
    };
  };
}

function zodSchemaOf(maybeSchema: unknown): $ZodType {
  if (maybeSchema instanceof $ZodType) return maybeSchema;
  const properties = (maybeSchema as { properties?: unknown } | null)?.properties;
  if (properties instanceof $ZodType) return properties;
  throw new Error(`response schema is not a zod schema: ${JSON.stringify(maybeSchema)}`);
}

type Copy = (value: unknown) => unknown;

/** Values JSON writes as they are: nothing inside them to drop. */
const AS_IS: Copy = (value) => value;

const LEAVES = new Set([
  'string',
  'number',
  'int',
  'boolean',
  'null',
  'enum',
  'literal',
  'unknown',
  'any',
  'date',
  'nan',
  'template_literal',
]);

/** A function copying a value of `schema` with only the keys its objects declare (built once per schema). */
export function copierOf(schema: $ZodType, making = new Set<$ZodType>()): Copy {
  if (making.has(schema)) return byZod(schema); // recursive (lazy) schemas
  making.add(schema);
  try {
    return build(schema, making);
  } finally {
    making.delete(schema);
  }
}

function build(schema: $ZodType, making: Set<$ZodType>): Copy {
  // biome-ignore lint/suspicious/noExplicitAny: zod's def is a union of every kind's definition
  const def = schema._zod.def as any;
  const type: string = def.type;
  if (LEAVES.has(type)) return AS_IS;
  switch (type) {
    case 'nullable': {
      const inner = copierOf(def.innerType, making);
      return inner === AS_IS ? AS_IS : (v) => (v === null ? null : inner(v));
    }
    case 'optional':
    case 'readonly':
    case 'nonoptional':
    // Written, a field with a default holds its inner type (zod's encode refuses it missing).
    case 'default':
    case 'prefault': {
      const inner = copierOf(def.innerType, making);
      return inner === AS_IS ? AS_IS : (v) => (v === undefined ? undefined : inner(v));
    }
    case 'array': {
      const element = copierOf(def.element, making);
      return element === AS_IS ? AS_IS : (v) => (Array.isArray(v) ? v.map((e) => element(e)) : v);
    }
    case 'record': {
      const value = copierOf(def.valueType, making);
      if (value === AS_IS) return AS_IS;
      return (v) => {
        if (v === null || typeof v !== 'object') return v;
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) out[k] = value(x);
        return out;
      };
    }
    case 'object': {
      // A loose object keeps keys it does not declare: only zod knows what it writes of them.
      if (def.catchall && def.catchall._zod.def.type !== 'never') return byZod(schema);
      const fields = Object.entries(def.shape as Record<string, $ZodType>).map(
        ([key, s]) => [key, copierOf(s, making)] as const,
      );
      return (v) => {
        if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
        const from = v as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const [key, copy] of fields) {
          const x = from[key];
          if (x !== undefined) out[key] = copy === AS_IS ? x : copy(x);
        }
        return out;
      };
    }
    case 'union':
      return unionCopier(schema, def, making);
    default:
      // pipe, transform, catch, lazy, intersection, tuple, …: zod's own encode, checks and all.
      return byZod(schema);
  }
}

function unionCopier(
  schema: $ZodType,
  // biome-ignore lint/suspicious/noExplicitAny: zod's union definition
  def: any,
  making: Set<$ZodType>,
): Copy {
  const options = def.options as $ZodType[];
  const copiers = options.map((o) => copierOf(o, making));
  if (copiers.every((c) => c === AS_IS)) return AS_IS;
  const key: string | undefined = def.discriminator;
  if (!key) return byZod(schema);
  const byValue = new Map<unknown, Copy>();
  options.forEach((o, i) => {
    const values = (o._zod as { propValues?: Record<string, Set<unknown>> }).propValues?.[key];
    for (const value of values ?? []) byValue.set(value, copiers[i] ?? AS_IS);
  });
  const fallback = byZod(schema);
  return (v) => {
    const copy = v !== null && typeof v === 'object' ? byValue.get((v as Record<string, unknown>)[key]) : undefined;
    return copy ? copy(v) : fallback(v);
  };
}

function byZod(schema: $ZodType): Copy {
  return (v) => {
    const result = safeEncode(schema, v);
    if (result.error) throw result.error;
    return result.data;
  };
}
