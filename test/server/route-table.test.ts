import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineRoute, fullPath, routePattern, type RouteSpec } from '../../src/server/route-spec.js';
import { routeTable } from '../../src/server/route-table.js';
import { templateOf } from './test-server.js';

/** A concrete request path for a route (each `{param}` filled in). */
const sample = (spec: RouteSpec): string => fullPath(spec).replace(/\{\w+\}/g, 'x1');

describe('the route table', () => {
  it('#15.2 each path pattern is compiled once and shared by the app and the tests, and matches its own routes only', () => {
    const { routes } = routeTable();
    for (const spec of routes) {
      expect(routePattern(spec)).toBe(routePattern(spec));
      expect(routePattern(spec).test(sample(spec)), fullPath(spec)).toBe(true);
      expect(templateOf(sample(spec)), fullPath(spec)).toBe(
        routes.find((r) => routePattern(r).test(sample(spec)))?.path,
      );
    }
    expect(templateOf('/api/v1/executions/ex-1?limit=2')).toBe('/executions/{id}');
    expect(templateOf('/api/v1/nothing-here')).toBeNull();
  });

  it('#15.2 the OpenAPI document has exactly the routes of the table, each with its one permission', () => {
    const { routes, doc } = routeTable();
    const documented = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.entries(item)
        .filter(([m]) => ['get', 'post', 'delete'].includes(m))
        .map(([m, op]) => `${m} ${p} ${(op as { 'x-permission': string })['x-permission']}`),
    );
    expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${r.path} ${r.permission}`).sort());
  });

  it("#15.2 a handler's ctx.params, query and body are typed from its RouteSpec generics", async () => {
    const route = defineRoute<{ id: string }, { limit: number; cursor?: string }, { name: string }>({
      method: 'post',
      path: '/things/{id}',
      operationId: 'makeThing',
      permission: 'admin',
      tag: 'test',
      summary: 'A typed route',
      responses: { 200: { description: 'ok' } },
      handle(ctx) {
        expectTypeOf(ctx.params.id).toEqualTypeOf<string>();
        expectTypeOf(ctx.query.limit).toEqualTypeOf<number>();
        expectTypeOf(ctx.query.cursor).toEqualTypeOf<string | undefined>();
        expectTypeOf(ctx.body.name).toEqualTypeOf<string>();
        return { body: { id: ctx.params.id, limit: ctx.query.limit, name: ctx.body.name } };
      },
    });
    // Typed, it is still one of the table's routes.
    const table: RouteSpec[] = [route];
    const reply = await table[0]!.handle({
      params: { id: 'a' },
      query: { limit: 2 },
      body: { name: 'n' },
    } as unknown as Parameters<RouteSpec['handle']>[0]);
    expect(reply).toEqual({ body: { id: 'a', limit: 2, name: 'n' } });
  });
});
