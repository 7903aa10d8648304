// The one error type of the service, rendered as RFC 9457 application/problem+json.
import type { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { unknownFieldMessage } from "../schemas";

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

/** A zod failure as a problem: 422 for a body or a path id, 400 for a query string or a header. */
export function invalid(error: z.ZodError, where: "body" | "path" | "query"): Problem {
	// An unknown key is an error at the key's own path, as every other error is.
	const errors = error.issues.flatMap((issue) =>
		(issue.code === "unrecognized_keys" ? issue.keys.map((key) => [...issue.path, key]) : [issue.path]).map((path) => ({
			path: path.map(String).join(".") || "(root)",
			message: issue.code === "unrecognized_keys" ? unknownFieldMessage(String(path.at(-1))) : issue.message,
		})),
	);
	const first = errors[0];
	const detail = `${first.path}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}`;
	const extensions = { errors: errors.slice(0, 100) };
	if (where === "query") return new Problem(400, "invalid-query", detail, extensions);
	if (where === "path") return new Problem(422, "invalid-path", detail, extensions);
	// In a transaction, the problem names the operation its first error is in.
	const operation = /^operations\.(\d+)(\.|$)/.exec(first.path)?.[1];
	return new Problem(422, "invalid-body", detail, {
		...extensions,
		...(operation === undefined ? {} : { operation: Number(operation) }),
	});
}
