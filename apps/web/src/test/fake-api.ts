// A stand-in for the typed API client in component tests: each test says what a route
// answers, and reads back the calls the screen made (method, path, parameters, body), so it
// asserts what would have gone over the wire. Use with
//   vi.mock('../api/client', async (original) => ({ ...(await original()), api: fakeApi.api }))
// (vi.mock's factory imports this module too, so both see the same instance).

interface Init {
  params?: { path?: Record<string, string>; query?: Record<string, unknown> };
  body?: unknown;
}
export interface FakeCall {
  method: string;
  path: string;
  params?: Init['params'];
  body?: unknown;
}
type Handler = (init: Init) => unknown;

/** Thrown by a handler: the route answers with this status and problem document. */
export class FakeProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(`HTTP ${status}`);
  }
}

function createFakeApi() {
  const routes = new Map<string, Handler>();
  const calls: FakeCall[] = [];
  const answer = (status: number, fields: { data?: unknown; error?: unknown }) => ({
    ...fields,
    response: { ok: status < 400, status },
  });
  const method =
    (name: string) =>
    async (path: string, init: Init = {}): Promise<unknown> => {
      calls.push({ method: name, path, params: init.params, body: init.body });
      const handler = routes.get(`${name} ${path}`);
      if (!handler) return answer(501, { error: { detail: `The test gave no answer for ${name} ${path}.` } });
      try {
        return answer(200, { data: await handler(init) });
      } catch (error) {
        if (error instanceof FakeProblem) return answer(error.status, { error: error.body });
        throw error;
      }
    };
  return {
    api: {
      GET: method('GET'),
      POST: method('POST'),
      PATCH: method('PATCH'),
      PUT: method('PUT'),
      DELETE: method('DELETE'),
    },
    calls,
    /** What `METHOD /api/path/{param}` answers (a value, or a thrown FakeProblem). */
    on(route: string, handler: Handler) {
      routes.set(route, handler);
    },
    /** The writes the screen made, in order. */
    writes: () => calls.filter((c) => c.method !== 'GET'),
    reset() {
      routes.clear();
      calls.length = 0;
    },
  };
}

export const fakeApi = createFakeApi();

export const page = <T>(items: T[]) => ({ items, page: 1, pageSize: 500, total: items.length });

/**
 * A list route that pages as the API does: the page and pageSize asked for (pageSize at most
 * 500, the API's limit, or a 400), and the total over all pages.
 */
export const paged =
  <T>(items: T[]) =>
  ({ params }: Init) => {
    const { page: at = 1, pageSize = 50 } = (params?.query ?? {}) as { page?: number; pageSize?: number };
    if (pageSize > 500) throw new FakeProblem(400, { detail: 'pageSize must not be greater than 500' });
    return { items: items.slice((at - 1) * pageSize, at * pageSize), page: at, pageSize, total: items.length };
  };
