/**
 * Route definition helper: one place where a route's zod schemas both validate the request and
 * describe it in the OpenAPI document served at /api/openapi.json.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from './errors.ts';

// Validation messages in Vietnamese unless a schema gives its own.
z.config(z.locales.vi());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  method: Method;
  url: string;
  summary: string;
  tags?: string[];
  body?: B;
  query?: Q;
  params?: P;
  /** Response schema for the 2xx answer (documentation only). */
  response?: z.ZodType;
  /** Whether the route changes state without a session (e.g. signed gateway callbacks) and skips CSRF. */
  csrfExempt?: boolean;
  /** Per-client request limit (e.g. lookups that could be used to guess). */
  rateLimit?: { max: number; timeWindow: string };
}

export interface Parsed<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  req: FastifyRequest;
  reply: FastifyReply;
}

interface RegisteredRoute {
  method: Method;
  url: string;
  summary: string;
  tags: string[];
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  response?: z.ZodType;
}

const registry: RegisteredRoute[] = [];
const csrfExempt = new Set<string>();

export function isCsrfExempt(method: string, routeUrl: string | undefined): boolean {
  return routeUrl !== undefined && csrfExempt.has(`${method} ${routeUrl}`);
}

export function defineRoute<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, P extends z.ZodType = z.ZodUndefined>(
  app: FastifyInstance,
  spec: RouteSpec<B, Q, P>,
  handler: (input: Parsed<z.infer<B>, z.infer<Q>, z.infer<P>>) => Promise<unknown>,
): void {
  if (!registry.some((r) => r.method === spec.method && r.url === spec.url)) {
    registry.push({ ...spec, tags: spec.tags ?? [] });
  }
  if (spec.csrfExempt) csrfExempt.add(`${spec.method} ${spec.url}`);
  app.route({
    method: spec.method,
    url: spec.url,
    ...(spec.rateLimit ? { config: { rateLimit: spec.rateLimit } } : {}),
    handler: async (req, reply) => {
      const body = spec.body ? parseOrThrow(spec.body, req.body ?? {}, 'body') : undefined;
      const query = spec.query ? parseOrThrow(spec.query, req.query ?? {}, 'query') : undefined;
      const params = spec.params ? parseOrThrow(spec.params, req.params ?? {}, 'params') : undefined;
      const result = await handler({ body, query, params, req, reply } as Parsed<z.infer<B>, z.infer<Q>, z.infer<P>>);
      if (reply.sent) return reply;
      return result;
    },
  });
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new AppError('VALIDATION_FAILED', 'Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra lại các trường được đánh dấu.', 400, {
    where,
    issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code })),
  });
}

/** Builds the OpenAPI 3.1 document from every route defined so far. */
export function openApiDocument(info: { title: string; version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const toJson = (s: z.ZodType, io: 'input' | 'output') => {
    try {
      return z.toJSONSchema(s, { io, unrepresentable: 'any' });
    } catch {
      return {};
    }
  };
  for (const r of registry) {
    const openapiPath = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const op: Record<string, unknown> = {
      summary: r.summary,
      tags: r.tags,
      responses: {
        '200': { description: 'OK', ...(r.response ? { content: { 'application/json': { schema: toJson(r.response, 'output') } } } : {}) },
        '400': { description: 'Dữ liệu không hợp lệ', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
    const parameters: unknown[] = [];
    for (const [where, schema] of [['path', r.params], ['query', r.query]] as const) {
      if (!schema) continue;
      const js = toJson(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s });
      }
    }
    if (parameters.length) op.parameters = parameters;
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: toJson(r.body, 'input') } } };
    (paths[openapiPath] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
              required: ['code', 'message'],
            },
          },
        },
      },
    },
  };
}
