// Reading a request: its JSON body and its query string, each refused with the contract's status.

import type { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { Filters, MAX_OPERATIONS, MAX_ROWS, userDataProblem, userIdProblem } from "../schemas";
import { parseCsvRows, parseNdjson } from "./formats";
import { invalid, Problem } from "./problems";

const BODY_TYPES = {
	"application/json": "json",
	"application/x-ndjson": "ndjson",
	"text/csv": "csv",
} as const;
type BodyFormat = (typeof BODY_TYPES)[keyof typeof BODY_TYPES];

/**
 * The body as a value: JSON as it is, NDJSON and CSV as an array of rows.
 * 415 for a Content-Type not in `accepted`, 400 for a body that does not parse.
 */
export async function readBody(c: Context, accepted: readonly BodyFormat[] = ["json"]): Promise<unknown> {
	const type = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
	const format = BODY_TYPES[type as keyof typeof BODY_TYPES];
	if (!format || !accepted.includes(format)) {
		const names = Object.entries(BODY_TYPES)
			.filter(([, f]) => accepted.includes(f))
			.map(([t]) => t);
		throw new Problem(
			415,
			"unsupported-media-type",
			`Send the body as ${names.join(" or ")}${type ? `, not ${type}` : " (the Content-Type header is missing)"}.`,
		);
	}
	let text: string;
	try {
		text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(await c.req.arrayBuffer());
	} catch (error) {
		if (error instanceof TypeError) throw new Problem(400, "malformed-encoding", "The body is not valid UTF-8.");
		throw error;
	}
	if (format === "ndjson") return parseNdjson(text);
	if (format === "csv") return parseCsvRows(text);
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new Problem(400, "malformed-json", `The body is not valid JSON: ${(error as Error).message}`);
	}
}

/** Refuse oversized requests with 413 before validating them row by row. */
export function checkSize(body: unknown) {
	const ops = (body as { operations?: unknown })?.operations;
	if (Array.isArray(ops) && ops.length > MAX_OPERATIONS) {
		throw new Problem(
			413,
			"too-many-operations",
			`A transaction may hold at most ${MAX_OPERATIONS} operations, not ${ops.length}.`,
		);
	}
	const lists = Array.isArray(body) ? [body] : Array.isArray(ops) ? ops.map((op) => op?.rows ?? op?.user_ids) : [];
	const rows = lists.reduce((n: number, list) => n + (Array.isArray(list) ? list.length : 0), 0);
	if (rows > MAX_ROWS) {
		throw new Problem(413, "too-many-rows", `A request may carry at most ${MAX_ROWS} rows, not ${rows}.`);
	}
}

/**
 * A bulk body of rows `{user_id, user_data}`. Checked first by a plain loop over the same rules
 * the schemas use (zod costs ~0.6 µs a row, which a 100,000-row write feels); only a body that
 * loop refuses goes through `schema`, for the full list of errors.
 */
export function parseRows<T extends z.ZodType>(schema: T, rows: unknown, dataRequired: boolean): z.infer<T> {
	if (Array.isArray(rows) && rows.length > 0 && rows.every((row) => isPlainRow(row, dataRequired))) {
		return rows as z.infer<T>;
	}
	return parse(schema, rows, "body");
}

function isPlainRow(row: unknown, dataRequired: boolean): boolean {
	if (typeof row !== "object" || row === null || Array.isArray(row)) return false;
	for (const key in row) if (key !== "user_id" && key !== "user_data") return false;
	const { user_id, user_data } = row as Record<string, unknown>;
	if (typeof user_id !== "string" || userIdProblem(user_id)) return false;
	if (user_data === undefined) return !dataRequired;
	return user_data === null || (typeof user_data === "string" && !userDataProblem(user_data));
}

export function parse<T extends z.ZodType>(
	schema: T,
	value: unknown,
	where: "body" | "query",
	prefix: (string | number)[] = [],
): z.infer<T> {
	const result = schema.safeParse(value);
	if (!result.success) throw invalid(result.error, where, prefix);
	return result.data;
}

export const FILTER_KEYS = ["user_id", "user_id_prefix", "user_data", "q", "updated_after", "updated_before"];
const REPEATABLE = new Set(["user_id"]);

/**
 * The query string as an object, refusing unknown and repeated parameters (400):
 * a typo in a filter must not silently widen a mass update or delete.
 */
export function readQuery(c: Context, options: readonly string[]): Record<string, string | string[]> {
	const allowed = new Set(options);
	const query: Record<string, string | string[]> = {};
	for (const [key, value] of new URL(c.req.url).searchParams) {
		if (!allowed.has(key)) {
			throw new Problem(
				400,
				"unknown-parameter",
				`Unknown query parameter '${key}'. Allowed here: ${[...allowed].join(", ") || "none"}.`,
			);
		}
		if (REPEATABLE.has(key)) query[key] = [...((query[key] as string[]) ?? []), value];
		else if (key in query)
			throw new Problem(400, "repeated-parameter", `The query parameter '${key}' may appear only once.`);
		else query[key] = value;
	}
	return query;
}

export function readFilters(query: Record<string, string | string[]>): Filters {
	const filters = Object.fromEntries(FILTER_KEYS.filter((k) => k in query).map((k) => [k, query[k]]));
	return parse(Filters, filters, "query");
}

/** `all=true` or `all=false`, nothing else. */
export function readAll(query: Record<string, string | string[]>): boolean {
	const all = query.all;
	if (all === undefined || all === "false") return false;
	if (all === "true") return true;
	throw new Problem(400, "invalid-query", "all must be true or false.");
}

/** 409 when an id appears twice in one operation: which of the two would win is not obvious. */
export function rejectDuplicates(ids: string[], operation?: number) {
	const seen = new Set<string>();
	const twice = new Set<string>();
	for (const id of ids) {
		const size = seen.size;
		if (seen.add(id).size === size) twice.add(id);
	}
	if (twice.size > 0) {
		const listed = [...twice].slice(0, 100);
		throw new Problem(
			409,
			"duplicate-ids",
			`${twice.size === 1 ? `User '${listed[0]}' appears` : `${twice.size} users ('${listed[0]}', …) appear`} more than once in one operation.`,
			{
				user_ids: listed,
				...(operation === undefined ? {} : { operation }),
			},
		);
	}
}
