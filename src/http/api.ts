// OpenAPIHono as every route module uses it: one createRoute() declaration validates the request,
// types the handler and publishes the route in /openapi.json.
import { OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { withDryRun } from "./failures";
import { invalid, Problem } from "./problems";
import { bodyBytes, readBody, validateBody } from "./request";
import { header, problem, TYPES } from "./responses";

type Target = "query" | "param" | "header" | "json" | "form" | "cookie";

/** A request part that fails its schema: 400 for a query or header, 422 for a path id (as for a body's id). */
function requestProblem(c: Context, target: Target, error: z.ZodError, allowed: string[]): Problem {
	if (target === "param") return invalid(error, "path");
	if (target !== "query") return invalid(error, "query");
	const unknown = error.issues.find((issue) => issue.code === "unrecognized_keys");
	if (unknown) {
		return new Problem(
			400,
			"unknown-parameter",
			`Unknown query parameter '${unknown.keys[0]}'. Allowed here: ${allowed.join(", ") || "none"}.`,
		);
	}
	const repeated = error.issues
		.map((issue) => String(issue.path[0]))
		.find((key) => key !== "user_id" && (c.req.queries(key)?.length ?? 0) > 1);
	if (repeated) {
		return new Problem(400, "repeated-parameter", `The query parameter '${repeated}' may appear only once.`);
	}
	return invalid(error, "query");
}

export { header } from "./responses";

const COMMON_HEADERS = {
	"X-Request-Id": header("This request's id; quote it when reporting a problem.", true),
	"Server-Timing": header("total: the Worker's time; db: D1's own time, statements, rows read and written.", true),
};

/** Every answer carries the request id and Server-Timing: added to each response the route declares. */
function withCommonHeaders(responses: RouteConfig["responses"]): RouteConfig["responses"] {
	return Object.fromEntries(
		Object.entries(responses).map(([status, response]) => [
			status,
			{ ...response, headers: { ...COMMON_HEADERS, ...(response as { headers?: object }).headers } },
		]),
	);
}

const WRITE_METHODS = new Set(["post", "put", "patch", "delete"]);
/** What every write may answer about its Idempotency-Key (src/http/idempotency.ts). */
const KEY_PROBLEMS: Record<number, [string, string]> = {
	400: ["invalid-idempotency-key", "An Idempotency-Key that is not 1–255 printable ASCII characters"],
	409: ["idempotency-key-in-use", "The first request with this Idempotency-Key is still running"],
	422: ["idempotency-key-reused", "This Idempotency-Key came with another request"],
};

/** A write's declaration with Idempotency-Key: the request header, Idempotent-Replayed, and the key's problems. */
function withIdempotency(config: RouteConfig): RouteConfig {
	if (!WRITE_METHODS.has(config.method)) return config;
	const responses: RouteConfig["responses"] = {};
	for (const [status, response] of Object.entries(config.responses)) {
		responses[status] =
			Number(status) < 300
				? {
						...response,
						headers: {
							...(response as { headers?: object }).headers,
							"Idempotent-Replayed": header("true when this is the first answer of this Idempotency-Key again."),
						},
					}
				: response;
	}
	for (const [status, [type, description]] of Object.entries(KEY_PROBLEMS)) {
		const declared = (responses[status] as { [TYPES]?: { types: string[]; description: string; headers: object } })?.[
			TYPES
		];
		responses[status] = declared
			? problem(Number(status), [...declared.types, type], declared.description, declared.headers as never)
			: problem(Number(status), [type], description);
	}
	const headers = config.request?.headers as z.ZodObject | undefined;
	const key = z.string().optional().openapi({
		description:
			"1–255 printable ASCII characters: a repeat of this request with the same key answers its first success again, and writes nothing.",
	});
	return {
		...config,
		responses,
		request: {
			...config.request,
			headers: headers ? headers.extend({ "idempotency-key": key }) : z.object({ "idempotency-key": key }),
		},
	};
}

/** The application/json schema of a route's body, as the handler receives it (NDJSON and CSV mean the same). */
type JsonBody<R> = R extends {
	request: { body: { content: { "application/json": { schema: infer S extends z.ZodType } } } };
}
	? z.output<S>
	: never;

/** The body of a request to `route`, validated by its declaration (read before the handler runs). */
export const jsonBody = <R extends RouteConfig>(c: Context, _route: R): JsonBody<R> => c.req.valid("json" as never);

/**
 * OpenAPIHono whose routes read their body with readBody and validateBody (strict UTF-8, the declared
 * media types, size limits before validation, the bulk fast path) against the route's own declaration.
 * Query, path and headers are validated by @hono/zod-openapi itself; a failure becomes our problem+json.
 */
export class Api extends OpenAPIHono<AppEnv> {
	constructor() {
		super();
		const declare = this.openapi;
		this.openapi = ((route, handler) => {
			const { middleware, hide, ...declared } = route;
			const config = withIdempotency(declared as RouteConfig);
			const allowed = Object.keys((config.request?.query as z.ZodObject | undefined)?.shape ?? {});
			const hook = (result: { success: boolean; target: Target; error?: z.ZodError }, c: Context) => {
				if (!result.success) throw requestProblem(c, result.target, result.error as z.ZodError, allowed);
			};
			const responses = withCommonHeaders(config.responses);
			const body = config.request?.body;
			if (!hide) this.openAPIRegistry.registerPath({ ...config, responses });
			// The declared headers are published, not validated: each is an optional string, which every header is,
			// so their validator could never refuse one; it cost ~11 µs a request (bench/findings.md, issue 12).
			// The middleware and handlers that read a header check it themselves (Idempotency-Key, x-d1-bookmark).
			const request = { ...route.request, headers: undefined };
			if (!body) return declare({ ...route, hide: true, request }, handler, hook as never);
			return declare(
				{ ...route, hide: true, request: { ...request, body: undefined } },
				(async (c: Context<AppEnv>, next: () => Promise<void>) => {
					// An optional body may be left out: no Content-Type and no bytes.
					if (!body.required && !c.req.header("content-type") && (await bodyBytes(c)).byteLength === 0) {
						return (handler as (c: Context<AppEnv>, next: () => Promise<void>) => unknown)(c, next);
					}
					const raw = await readBody(c, Object.keys(body.content));
					let value: unknown;
					try {
						const { schema } = body.content["application/json"] as { schema: z.ZodType };
						value = validateBody(schema, raw);
					} catch (error) {
						throw withDryRun(error, raw);
					}
					c.req.addValidatedData("json", value as object);
					return (handler as (c: Context<AppEnv>, next: () => Promise<void>) => unknown)(c, next);
				}) as never,
				hook as never,
			);
		}) as typeof declare;
	}
}
