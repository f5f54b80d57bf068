import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { problemSchema } from '@hamgaja/shared';

/** One registry: each feature describes its routes next to where it defines them. */
export const openapi = new OpenAPIRegistry();
openapi.registerComponent('securitySchemes', 'bearer', {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'JWT',
});

const problem = { content: { 'application/problem+json': { schema: problemSchema } } };

type Doc = {
  method: RouteConfig['method'];
  path: string;
  tag: string;
  summary: string;
  /** Longer prose (CommonMark) when the summary cannot say everything a client must know. */
  description?: string;
  auth?: boolean;
  body?: z.ZodType;
  query?: z.ZodObject;
  ok: { status: number; schema?: z.ZodType; description?: string };
  errors?: number[];
};

/** Registers one route in the OpenAPI document with its problem answers. */
export function describeRoute(d: Doc) {
  const responses: RouteConfig['responses'] = {
    [d.ok.status]: {
      description: d.ok.description ?? 'OK',
      ...(d.ok.schema ? { content: { 'application/json': { schema: d.ok.schema } } } : {}),
    },
  };
  for (const status of [400, ...(d.auth ? [401] : []), ...(d.errors ?? [])]) {
    responses[status] = { description: 'Problem', ...problem };
  }
  openapi.registerPath({
    method: d.method,
    path: `/api${d.path}`,
    tags: [d.tag],
    summary: d.summary,
    ...(d.description ? { description: d.description } : {}),
    ...(d.auth ? { security: [{ bearer: [] }] } : {}),
    request: {
      ...(d.body ? { body: { content: { 'application/json': { schema: d.body } } } } : {}),
    },
    // Query parameters as plain OpenAPI objects: schemas built before any zod extension lack .openapi().
    ...(d.query
      ? {
          parameters: Object.entries(d.query.shape).map(([name, schema]) => ({
            name,
            in: 'query' as const,
            required: !(schema as z.ZodType).safeParse(undefined).success,
            schema: z.toJSONSchema(schema as z.ZodType, { io: 'input' }) as Record<string, unknown>,
          })),
        }
      : {}),
    responses,
  });
}

export function openApiDocument() {
  return new OpenApiGeneratorV31(openapi.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Hamgaja API',
      version: '1',
      description:
        'Sync and REST API of Hamgaja (함가자). Errors are RFC 9457 problem+json with a stable `code`.',
    },
    servers: [{ url: '/' }],
  });
}
