import {
  ACTORS,
  canActorTransition,
  ERROR_REASONS,
  type ErrorReason,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
} from '@puffy/core';
import type { AnyRouter } from '@trpc/server';
import { z } from 'zod';
import { type SettingName, settingDefault } from '../config';
import { REASON_CODES } from './errors';
import type { Meta } from './init';

/**
 * docs/api.md, derived from the router: each procedure's kind, access, rate limit and error
 * reasons come from its meta, its input from its zod schema and its output from the schema named
 * in its meta (all zod schemas from core, rendered with zod's JSON Schema export). `pnpm docs:api`
 * writes it; CI fails when the committed file differs.
 */

type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  'x-puffy'?: string;
};

interface ProcedureInfo {
  path: string;
  type: 'query' | 'mutation';
  meta: Meta;
  input: z.ZodType | undefined;
}

function proceduresOf(router: AnyRouter): ProcedureInfo[] {
  const procedures = router._def.procedures as Record<
    string,
    { _def: { type: string; meta?: Meta; inputs: unknown[] } }
  >;
  return Object.entries(procedures).map(([path, procedure]) => {
    const { type, meta = {}, inputs } = procedure._def;
    if (type !== 'query' && type !== 'mutation') throw new Error(`${path}: unexpected ${type}`);
    const input = inputs[0];
    if (input !== undefined && !(input instanceof z.ZodType)) {
      throw new Error(`${path}: its input is not a zod schema`);
    }
    return { path, type, meta, input };
  });
}

/** JSON Schema cannot say Date or bigint; superjson carries both, so the reference names them. */
function toJson(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  return z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      const kind = zodSchema._zod.def.type;
      if (kind === 'date' || kind === 'bigint') (jsonSchema as JsonSchema)['x-puffy'] = kind;
    },
  }) as JsonSchema;
}

const code = (text: string) => `\`${text.replaceAll('|', '\\|')}\``;

function typeOf(s: JsonSchema): string {
  if (s['x-puffy'] === 'date') return 'Date';
  if (s['x-puffy'] === 'bigint') return 'bigint';
  if (s.const !== undefined) return code(JSON.stringify(s.const));
  if (s.enum) return s.enum.map((v) => code(JSON.stringify(v))).join(' \\| ');
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return alternatives.map(typeOf).join(' \\| ');
  if (s.type === 'array') return `${s.items ? typeOf(s.items) : 'unknown'}[]`;
  if (s.type === 'null') return 'null';
  if (s.type === 'integer') return 'integer';
  if (s.format === 'uuid') return 'uuid';
  if (Array.isArray(s.type)) return s.type.join(' \\| ');
  return s.type ?? 'any';
}

function rulesOf(s: JsonSchema): string {
  const rules: string[] = [];
  const between = (min?: number, max?: number, unit = '') => {
    const big = (n?: number) => n !== undefined && Math.abs(n) < Number.MAX_SAFE_INTEGER;
    if (big(min) && big(max)) rules.push(`${min}–${max}${unit}`);
    else if (big(min)) rules.push(`≥ ${min}${unit}`);
    else if (big(max)) rules.push(`≤ ${max}${unit}`);
  };
  if (s.exclusiveMinimum !== undefined) rules.push(`> ${s.exclusiveMinimum}`);
  between(s.minimum, s.maximum);
  between(s.minLength, s.maxLength, ' chars');
  between(s.minItems, s.maxItems, ' items');
  if (s.pattern && s.format !== 'uuid') rules.push(`matches ${code(s.pattern)}`);
  if (s.description) rules.push(s.description);
  return rules.join('; ');
}

/** Object fields as table rows, nested objects and arrays of objects flattened with dotted paths. */
function fieldRows(s: JsonSchema, prefix: string, rows: string[]): void {
  for (const [name, field] of Object.entries(s.properties ?? {})) {
    const path = `${prefix}${name}`;
    const required = s.required?.includes(name) ? 'yes' : 'no';
    rows.push(`| ${code(path)} | ${typeOf(field)} | ${required} | ${rulesOf(field)} |`);
    const nested = nestedObject(field);
    if (nested) fieldRows(nested.schema, `${path}${nested.suffix}.`, rows);
  }
}

function nestedObject(s: JsonSchema): { schema: JsonSchema; suffix: string } | undefined {
  if (s.properties) return { schema: s, suffix: '' };
  if (s.type === 'array' && s.items?.properties) return { schema: s.items, suffix: '[]' };
  const object = (s.anyOf ?? []).find((a) => a.properties);
  if (object && (s.anyOf ?? []).every((a) => a === object || a.type === 'null')) {
    return { schema: object, suffix: '' };
  }
  return undefined;
}

function shapeSection(title: string, s: JsonSchema): string[] {
  const alternatives = s.anyOf?.filter((a) => a.properties);
  if (alternatives && alternatives.length > 1) {
    return alternatives.flatMap((alt, i) =>
      shapeSection(`${title}, form ${i + 1} of ${alternatives.length}`, alt),
    );
  }
  if (!s.properties) return [`${title}: ${typeOf(s)}`, ''];
  const rows: string[] = [];
  fieldRows(s, '', rows);
  const strict = (s as { additionalProperties?: unknown }).additionalProperties === false;
  const note = strict && title.startsWith('Input') ? ' (other fields are refused)' : '';
  return [
    `${title}${note}:`,
    '',
    '| field | type | required | rules |',
    '|---|---|---|---|',
    ...rows,
    '',
  ];
}

const LIMIT_SETTINGS: Record<NonNullable<Meta['rateLimit']>, [SettingName, string]> = {
  auth: ['RATE_LIMIT_AUTH_PER_MIN', 'per client IP'],
  order: ['RATE_LIMIT_ORDER_PER_MIN', 'per signed-in user'],
};

function rateLimitOf(meta: Meta, all: ProcedureInfo[]): string {
  if (!meta.rateLimit) return 'none';
  const [setting, per] = LIMIT_SETTINGS[meta.rateLimit];
  const sharing = all.filter((p) => p.meta.rateLimit === meta.rateLimit).map((p) => code(p.path));
  const shared = sharing.length > 1 ? `, one budget shared by ${sharing.join(', ')}` : '';
  return `${settingDefault(setting)} calls a minute ${per} (${code(setting)})${shared}`;
}

/** The reasons a procedure can raise: its own, plus what its access, input and limit add. */
function reasonsOf(p: ProcedureInfo): ErrorReason[] {
  const reasons = new Set<ErrorReason>();
  if (p.input) reasons.add('VALIDATION_FAILED');
  if (p.meta.access !== 'public') {
    for (const r of [
      'UNAUTHENTICATED',
      'TOKEN_INVALID',
      'TOKEN_EXPIRED',
      'TOKEN_REVOKED',
    ] as const) {
      reasons.add(r);
    }
  }
  if (p.meta.access === 'admin') reasons.add('FORBIDDEN');
  if (p.meta.rateLimit) reasons.add('RATE_LIMITED');
  for (const r of p.meta.errors ?? []) reasons.add(r);
  reasons.add('DEPENDENCY_UNAVAILABLE');
  return ERROR_REASONS.filter((r) => reasons.has(r));
}

function procedureSection(p: ProcedureInfo, all: ProcedureInfo[]): string[] {
  if (!p.meta.access) throw new Error(`${p.path}: built without publicProcedure/authed/admin`);
  if (!p.meta.output) throw new Error(`${p.path}: its meta names no output schema`);
  if (!p.meta.summary) throw new Error(`${p.path}: its meta has no summary`);
  const call = p.type === 'query' ? 'query (GET)' : 'mutation (POST)';
  return [
    `### \`${p.path}\``,
    '',
    p.meta.summary,
    '',
    `- kind: ${call}`,
    `- who may call: ${p.meta.access}`,
    `- rate limit: ${rateLimitOf(p.meta, all)}`,
    `- errors: ${reasonsOf(p)
      .map((r) => `${code(r)} (${REASON_CODES[r]})`)
      .join(', ')}`,
    '',
    ...(p.input ? shapeSection('Input', toJson(p.input, 'input')) : ['Input: none', '']),
    ...shapeSection('Output', toJson(p.meta.output, 'output')),
  ];
}

function stateMachineSection(): string[] {
  const rows = ORDER_STATUSES.flatMap((from) =>
    ORDER_TRANSITIONS[from].map((to) => {
      const who = ACTORS.filter((actor) => canActorTransition(actor, from, to));
      return `| ${code(from)} | ${code(to)} | ${who.join(', ')} |`;
    }),
  );
  return [
    '## Order states',
    '',
    'The only moves an order can make, and who may make each (`system` is the payment worker).',
    'Anything else is `PRECONDITION_FAILED` / `INVALID_TRANSITION`; an allowed move by the wrong',
    'actor is `FORBIDDEN`.',
    '',
    '| from | to | who |',
    '|---|---|---|',
    ...rows,
    '',
  ];
}

function reasonsSection(): string[] {
  return [
    '## Error reasons',
    '',
    'Every error carries a tRPC code and, in `error.data.reason`, one of these reasons',
    '(`errorReason(err)` in `@puffy/client`). `VALIDATION_FAILED` also carries `data.issues`',
    '(each with a `path`) and `data.zodError`; `RATE_LIMITED` carries a `Retry-After` header and',
    '`data.details.retryAfterSeconds`.',
    '',
    '| reason | tRPC code |',
    '|---|---|',
    ...ERROR_REASONS.map((r) => `| ${code(r)} | ${code(REASON_CODES[r])} |`),
    '',
  ];
}

export function renderApiDoc(router: AnyRouter): string {
  const procedures = proceduresOf(router);
  const groups = [...new Set(procedures.map((p) => p.path.split('.')[0] ?? ''))];
  const lines = [
    '# API reference',
    '',
    '<!-- Generated by `pnpm docs:api` from the router and the zod schemas in packages/core. Do',
    '     not edit by hand: change the procedure meta or the schema, then run pnpm docs:api. -->',
    '',
    'Every procedure is served by tRPC at `/trpc/<name>` with the superjson transformer; use',
    '`createPuffyClient` from `@puffy/client`, which is typed from this router. Queries are GET',
    '(`?input=`), mutations POST. Signed-in procedures need `Authorization: Bearer <token>` from',
    '`auth.verify`; admin ones also need a wallet listed in `ADMIN_ADDRESSES`. `Date` and `bigint`',
    'values travel as superjson encodes them and arrive as `Date` and `bigint`.',
    '',
    'Every procedure can also answer `DEPENDENCY_UNAVAILABLE` (`SERVICE_UNAVAILABLE`) when Postgres,',
    'Redis or another service it needs does not answer in time; retry later.',
    '',
    '## Procedures',
    '',
    ...groups.map(
      (group) =>
        `- ${group}: ${procedures
          .filter((p) => p.path.startsWith(`${group}.`))
          .map((p) => `[\`${p.path}\`](#${p.path.replaceAll('.', '').toLowerCase()})`)
          .join(', ')}`,
    ),
    '',
    ...procedures.flatMap((p) => procedureSection(p, procedures)),
    ...stateMachineSection(),
    ...reasonsSection(),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
