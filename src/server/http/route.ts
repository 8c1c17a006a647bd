/**
 * Routes and the API contract on the server side.
 *
 * - `defineRoute`: a route's zod schemas (from src/contract) validate its params, query and body, declare its 2xx
 *   answer, and describe it in the OpenAPI document served at /api/openapi.json.
 * - `describeRoute`: the documentation of a route that cannot go through defineRoute (multipart upload, the payment
 *   gateway's callbacks, redirects, streamed files).
 * - `installContract`: with the `contractChecks` setting (tests), every answer of a documented route is checked
 *   against its declaration — a 2xx JSON body against its schema after a JSON round trip (a mismatch becomes a 500
 *   RESPONSE_CONTRACT_VIOLATION), a file's media type, a redirect's status and Location, an error's shape, code,
 *   status and params against src/contract/errors.ts — and every API route must be documented. Each problem is
 *   recorded in `app.contract.violations`, which the test harness requires empty when it closes an app.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ERRORS, ERROR_CODES, isErrorCode, placeholdersOf, statusesOf, type ErrorEntry } from '../../contract/errors.ts';
import { ErrorBody, validationIssues, type Answer, type JsonAnswer } from '../../contract/http.ts';
import { AppError, errorBody } from './errors.ts';

// Validation messages in Vietnamese unless a schema gives its own.
z.config(z.locales.vi());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route answers with on success: a zod schema (JSON, 200) or an answer of src/contract/http.ts. */
export type ResponseSpec = z.ZodType | Answer;

/** Documentation of a request body that is not JSON. */
export interface RequestMedia {
  /** multipart/form-data with one file field. */
  upload?: { field: string; description: string };
  /** Media types of the body when it is not JSON (e.g. a browser form). */
  bodyMediaTypes?: readonly string[];
}

export interface RouteSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType, R extends ResponseSpec> extends RequestMedia {
  method: Method;
  url: string;
  summary: string;
  tags?: string[];
  body?: B;
  query?: Q;
  params?: P;
  /** The 2xx answer (required: every route declares what it answers). */
  response: R;
  /** Whether the route changes state without a session (e.g. signed gateway callbacks) and skips CSRF. */
  csrfExempt?: boolean;
  /**
   * The handler reads the session in its own first statement (http/session.ts, `SessionToRead`): the session hook
   * sends nothing for it, one round trip fewer (the online submission, issue 17). Its handler must settle the session
   * (`req.sessionToRead`, or `citizenOrToRead` in http/actor.ts) before it acts.
   */
  sessionInFirstRead?: boolean;
  /** Per-client request limit (e.g. lookups that could be used to guess). */
  rateLimit?: { max: number; timeWindow: string };
}

/** The documentation of a route registered directly on Fastify. */
export interface RouteDoc extends RequestMedia {
  method: Method;
  url: string;
  summary: string;
  tags?: string[];
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  response: ResponseSpec;
  rateLimit?: { max: number; timeWindow: string };
}

export interface Parsed<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  req: FastifyRequest;
  reply: FastifyReply;
}

/** JSON as a handler may return it: where the wire has an ISO string, a Date is fine (JSON.stringify writes it). */
export type WireInput<T> = T extends string
  ? T | Date
  : T extends readonly (infer U)[]
    ? readonly WireInput<U>[]
    : T extends object
      ? { [K in keyof T]: WireInput<T[K]> }
      : T;

/** What the handler of a route may return: the declared JSON (checked by the compiler), or the reply it sent. */
export type HandlerResult<R extends ResponseSpec> = R extends z.ZodType
  ? WireInput<z.input<R>> | FastifyReply
  : R extends JsonAnswer<infer S>
    ? WireInput<z.input<S>> | FastifyReply
    : FastifyReply;

interface RegisteredRoute {
  method: Method;
  url: string;
  summary: string;
  tags: string[];
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  answer: Answer;
  media: RequestMedia;
  rateLimited: boolean;
}

const registry = new Map<string, RegisteredRoute>();
const csrfExempt = new Set<string>();
const key = (method: string, url: string) => `${method} ${url}`;

export function isCsrfExempt(method: string, routeUrl: string | undefined): boolean {
  return routeUrl !== undefined && csrfExempt.has(key(method, routeUrl));
}

const sessionInFirstRead = new Set<string>();

/** Whether the route's handler reads the session itself (RouteSpec.sessionInFirstRead). */
export function readsSessionItself(method: string, routeUrl: string | undefined): boolean {
  return routeUrl !== undefined && sessionInFirstRead.has(key(method, routeUrl));
}

const answerOf = (r: ResponseSpec): Answer => (r instanceof z.ZodType ? { kind: 'json', schema: r, statuses: [200] } : r);

function register(doc: RouteDoc): void {
  const k = key(doc.method, doc.url);
  if (registry.has(k)) return;
  registry.set(k, {
    method: doc.method,
    url: doc.url,
    summary: doc.summary,
    tags: doc.tags ?? [],
    body: doc.body,
    query: doc.query,
    params: doc.params,
    answer: answerOf(doc.response),
    media: { upload: doc.upload, bodyMediaTypes: doc.bodyMediaTypes },
    rateLimited: !!doc.rateLimit,
  });
}

/** Documents a route registered directly on Fastify (it then appears in OpenAPI and its answers are checked). */
export function describeRoute(doc: RouteDoc): void {
  register(doc);
}

export function defineRoute<
  B extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  P extends z.ZodType = z.ZodUndefined,
  R extends ResponseSpec = ResponseSpec,
>(app: FastifyInstance, spec: RouteSpec<B, Q, P, R>, handler: (input: Parsed<z.infer<B>, z.infer<Q>, z.infer<P>>) => Promise<HandlerResult<R>>): void {
  register(spec);
  if (spec.csrfExempt) csrfExempt.add(key(spec.method, spec.url));
  if (spec.sessionInFirstRead) sessionInFirstRead.add(key(spec.method, spec.url));
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

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new AppError('VALIDATION_FAILED', ERRORS.VALIDATION_FAILED.vi, 400, { where, issues: validationIssues(r.error) });
}

// --- Checking answers against the contract (tests) ---------------------------------------------------------------

export interface ContractState {
  /** Whether answers are checked (the `contractChecks` setting; the test harness turns it on). */
  readonly checking: boolean;
  /** Every mismatch seen: `METHOD url → status: problem`. */
  readonly violations: string[];
  /** Every route registered on the app after installContract (method and URL pattern), documented or not. */
  readonly routes: { method: string; url: string }[];
  /** The documented routes whose answers were checked (`METHOD url status`), for a coverage report. */
  readonly answered: Set<string>;
}

declare module 'fastify' {
  interface FastifyInstance {
    contract: ContractState;
  }
}

/** The parts of the URL space that are the API (documented and checked); the rest is the web app and the e-ID stand-in. */
const API_PREFIXES = ['/api/', '/auth/', '/bank/', '/standins/'];
const isApi = (url: string) => API_PREFIXES.some((p) => url.startsWith(p));

export function installContract(app: FastifyInstance, opts: { check: boolean }): void {
  const state: ContractState = { checking: opts.check, violations: [], routes: [], answered: new Set() };
  app.decorate('contract', state);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) state.routes.push({ method, url: route.url });
  });
  if (!opts.check) return;
  app.addHook('onSend', async (req, reply, payload) => {
    const url = req.routeOptions.url;
    if (!url || req.method === 'HEAD' || req.method === 'OPTIONS' || !isApi(url)) return payload;
    const status = reply.statusCode;
    const route = registry.get(key(req.method, url));
    const where = `${req.method} ${url} → ${status}`;
    if (route) state.answered.add(`${req.method} ${url} ${status}`);
    const problems = route || status === 404 ? checkAnswer(route, status, reply, payload) : ['the route is not in the contract (defineRoute or describeRoute)'];
    if (problems.length === 0) return payload;
    for (const p of problems) state.violations.push(`${where}: ${p}`);
    req.log.error({ route: `${req.method} ${url}`, status, problems }, 'API contract violation');
    if (status >= 300) return payload; // an error or a redirect is only recorded
    reply.code(500).type('application/json; charset=utf-8');
    reply.removeHeader('content-disposition');
    return JSON.stringify(
      errorBody(new AppError('RESPONSE_CONTRACT_VIOLATION', ERRORS.RESPONSE_CONTRACT_VIOLATION.vi, 500, { route: `${req.method} ${url}`, status, problems })),
    );
  });
}

const mediaTypeOf = (reply: FastifyReply) =>
  String(reply.getHeader('content-type') ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();

function parseJson(payload: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(payload.toString()) };
  } catch {
    return { ok: false };
  }
}

const issuesText = (error: z.ZodError) => error.issues.slice(0, 20).map((i) => `${i.path.join('.') || '(root)'}: ${i.message} [${i.code}]`);

function checkAnswer(route: RegisteredRoute | undefined, status: number, reply: FastifyReply, payload: unknown): string[] {
  // A stand-in (/standins/…) answers its errors in the protocol it imitates (Zalo's {error, error_name}, …), not ours.
  if (status >= 400 && route?.url.startsWith('/standins/')) return [];
  if (status >= 400) return checkError(status, reply, payload, route?.url.startsWith('/api/') ?? true);
  if (!route) return [];
  const a = route.answer;
  if (a.kind === 'redirect') {
    if (status !== a.status) return [`answered ${status}, the contract says a ${a.status} redirect`];
    return reply.getHeader('location') ? [] : ['a redirect without a Location header'];
  }
  if (a.kind === 'file') {
    if (status < 200 || status >= 300) return [`answered ${status}, the contract says a file (2xx)`];
    const mt = mediaTypeOf(reply);
    return a.mediaTypes.includes(mt) ? [] : [`media type ${mt || '(none)'}, the contract says ${a.mediaTypes.join(' or ')}`];
  }
  if (!a.statuses.includes(status)) return [`answered ${status}, the contract says ${a.statuses.join(' or ')}`];
  if (mediaTypeOf(reply) !== 'application/json') return [`media type ${mediaTypeOf(reply) || '(none)'}, the contract says application/json`];
  const body = parseJson(payload);
  if (!body.ok) return ['the body is not JSON'];
  const r = a.schema.safeParse(body.value);
  return r.success ? [] : issuesText(r.error);
}

function checkError(status: number, reply: FastifyReply, payload: unknown, mustBeJson: boolean): string[] {
  if (mediaTypeOf(reply) !== 'application/json') return mustBeJson ? [`an error answered as ${mediaTypeOf(reply) || '(none)'}, not JSON`] : [];
  const body = parseJson(payload);
  if (!body.ok) return ['the error body is not JSON'];
  const said = (body.value as { error?: { code?: unknown } } | null)?.error?.code;
  if (typeof said === 'string' && !isErrorCode(said)) return [`unregistered error code ${said} (src/contract/errors.ts)`];
  const r = ErrorBody.safeParse(body.value);
  if (!r.success) return issuesText(r.error);
  const { code, params } = r.data.error;
  if (!isErrorCode(code)) return [`unregistered error code ${code}`];
  const problems: string[] = [];
  if (!statusesOf(code).includes(status)) problems.push(`error ${code} answered with ${status}, registered as ${statusesOf(code).join(' or ')}`);
  const entry: ErrorEntry = ERRORS[code];
  const missing = placeholdersOf(entry.en).filter((p) => params?.[p] === undefined);
  if (missing.length > 0) problems.push(`error ${code} without the params ${missing.join(', ')} of its English message`);
  return problems;
}

// --- OpenAPI ------------------------------------------------------------------------------------------------------

function toJson(s: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  try {
    const { $schema: _dialect, ...schema } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
    return schema; // the document's own dialect (OpenAPI 3.1 = JSON Schema 2020-12) applies
  } catch {
    return {};
  }
}

const ERROR_REF = { $ref: '#/components/schemas/Error' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ERROR_REF } } });

function responsesOf(r: RegisteredRoute): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const a = r.answer;
  if (a.kind === 'json') {
    const content = { 'application/json': { schema: toJson(a.schema, 'output') } };
    for (const s of a.statuses) out[String(s)] = { description: s === 201 ? 'Created' : 'OK', content };
  } else if (a.kind === 'file') {
    const binary = (mt: string) => (mt.startsWith('text/') ? { type: 'string' } : { type: 'string', format: 'binary' });
    out['200'] = { description: a.description, content: Object.fromEntries(a.mediaTypes.map((mt) => [mt, { schema: binary(mt) }])) };
  } else {
    out[String(a.status)] = { description: `Redirect: ${a.location}`, headers: { Location: { description: a.location, schema: { type: 'string' } } } };
  }
  if (r.body || r.query || r.params || r.media.upload) out['400'] = errorResponse('Dữ liệu không hợp lệ (VALIDATION_FAILED) hoặc yêu cầu không đúng');
  if (r.rateLimited) out['429'] = errorResponse('Quá nhiều yêu cầu (RATE_LIMITED)');
  out['4XX'] = errorResponse('Lỗi phía yêu cầu: mã lỗi trong error.code (xem x-error-codes)');
  out['500'] = errorResponse('Lỗi hệ thống (INTERNAL)');
  return out;
}

function requestBodyOf(r: RegisteredRoute): Record<string, unknown> | undefined {
  if (r.media.upload) {
    const { field, description } = r.media.upload;
    return {
      required: true,
      content: {
        'multipart/form-data': { schema: { type: 'object', properties: { [field]: { type: 'string', format: 'binary', description } }, required: [field] } },
      },
    };
  }
  if (!r.body) return undefined;
  const schema = toJson(r.body, 'input');
  const types = r.media.bodyMediaTypes ?? ['application/json'];
  return { required: true, content: Object.fromEntries(types.map((t) => [t, { schema }])) };
}

/** Builds the OpenAPI 3.1 document from every route defined or described so far. */
export function openApiDocument(info: { title: string; version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const routes = [...registry.values()].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
  for (const r of routes) {
    const openapiPath = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const op: Record<string, unknown> = {
      operationId: `${r.method.toLowerCase()}${openapiPath
        .replace(/[{}]/g, '')
        .replace(/[^A-Za-z0-9-]+/g, '_')
        .replace(/_$/, '')}`,
      summary: r.summary,
      tags: r.tags,
      responses: responsesOf(r),
    };
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      if (!schema) continue;
      const js = toJson(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s });
      }
    }
    if (parameters.length) op.parameters = parameters;
    const requestBody = requestBodyOf(r);
    if (requestBody) op.requestBody = requestBody;
    (paths[openapiPath] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: { schemas: { Error: toJson(ErrorBody, 'output') } },
    'x-error-codes': Object.fromEntries(
      ERROR_CODES.map((c) => {
        const e: ErrorEntry = ERRORS[c];
        return [c, { status: statusesOf(c), vi: e.vi, en: e.en }];
      }),
    ),
  };
}

/** Every route of the contract (for tests). */
export function contractRoutes(): readonly { method: string; url: string; answer: Answer }[] {
  return [...registry.values()].map((r) => ({ method: r.method, url: r.url, answer: r.answer }));
}

/** Whether a URL belongs to the API (documented in OpenAPI, checked in tests) rather than to the web app or the e-ID stand-in. */
export const isApiUrl = isApi;
