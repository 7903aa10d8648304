// Files from the static assets directory (public/), answered through the Worker so its middleware applies.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../env";
import { Problem } from "./problems";

/** The file at the request's path, with the binding's ETag, 304 and caching headers. */
export async function asset(c: Context<AppEnv>): Promise<Response> {
	const response = await c.env.ASSETS.fetch(c.req.raw);
	if (response.status === 404) {
		throw new Problem(
			404,
			"asset-missing",
			`${new URL(c.req.url).pathname} is not in the static assets; node scripts/assets.mjs copies it there (wrangler dev and deploy run it).`,
		);
	}
	// Through the context, so the headers the middleware set before the handler (X-Request-Id) are kept. The body
	// is null for a 304, which Hono's types tie to a literal null; the Response it builds takes either.
	return c.body(response.body as ReadableStream, {
		status: response.status as ContentfulStatusCode,
		headers: response.headers,
	});
}
