// CORS, off unless CORS_ORIGINS names the browser origins that may call the service.
import type { MiddlewareHandler } from "hono";
import { cors as honoCors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";

const handlers = new Map<string, MiddlewareHandler>();

function handlerFor(origins: string): MiddlewareHandler {
	let handler = handlers.get(origins);
	if (!handler) {
		handler = honoCors({
			origin: origins
				.split(",")
				.map((o) => o.trim())
				.filter(Boolean),
			allowMethods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
			allowHeaders: ["authorization", "content-type", "if-match", "if-none-match", "x-d1-bookmark"],
			exposeHeaders: ["etag", "location", "link", "x-total-count", "x-request-id", "server-timing", "x-d1-bookmark"],
			maxAge: 600,
		});
		handlers.set(origins, handler);
	}
	return handler;
}

export const cors = createMiddleware<AppEnv>(async (c, next) => {
	const origins = c.env.CORS_ORIGINS?.trim();
	if (!origins) return next();
	return handlerFor(origins)(c, next);
});
