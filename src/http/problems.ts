// The one error type of the service, rendered as RFC 9457 application/problem+json.
import type { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export type ProblemExtensions = {
	errors?: { path: string; message: string }[];
	user_ids?: string[];
	operation?: number;
	[key: string]: unknown;
};

const TITLES: Record<number, string> = {
	400: "Bad Request",
	401: "Unauthorized",
	403: "Forbidden",
	404: "Not Found",
	406: "Not Acceptable",
	409: "Conflict",
	412: "Precondition Failed",
	413: "Content Too Large",
	415: "Unsupported Media Type",
	422: "Unprocessable Content",
	500: "Internal Server Error",
	503: "Service Unavailable",
};

export class Problem extends Error {
	constructor(
		readonly status: number,
		readonly type: string,
		readonly detail: string,
		readonly extensions: ProblemExtensions = {},
		/** Response headers that belong with this problem, e.g. WWW-Authenticate. */
		readonly headers: Record<string, string> = {},
	) {
		super(detail);
	}

	/** The same problem, said of operation `index` of a transaction. */
	at(operation: number): Problem {
		return new Problem(this.status, this.type, this.detail, { ...this.extensions, operation }, this.headers);
	}

	toJSON() {
		return {
			type: `/problems/${this.type}`,
			title: TITLES[this.status] ?? "Error",
			status: this.status,
			detail: this.detail,
			...this.extensions,
		};
	}
}

export const PROBLEM_TYPE = "application/problem+json";

/** The problem as the response, keeping the headers middleware set (request id, timing). */
export function problemResponse(c: Context, problem: Problem): Response {
	return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode, {
		...problem.headers,
		"content-type": PROBLEM_TYPE,
	});
}

/** A zod failure as a problem: 422 for a body, 400 for a query string. */
export function invalid(error: z.ZodError, where: "body" | "query", prefix: (string | number)[] = []): Problem {
	const errors = error.issues.map((issue) => ({
		path: [...prefix, ...issue.path].map(String).join(".") || "(root)",
		message: issue.message,
	}));
	const first = errors[0];
	const detail = `${first.path}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}`;
	return where === "body"
		? new Problem(422, "invalid-body", detail, { errors: errors.slice(0, 100) })
		: new Problem(400, "invalid-query", detail, { errors: errors.slice(0, 100) });
}
