// Reading a request's body: its media type, its encoding, its parse, its size and its schema, each refused with the
// contract's status. (Query strings, paths and headers are the route declarations' to validate: src/http/api.ts.)

import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { MAX_OPERATIONS, MAX_ROWS, NewRows, RowUpdates, userDataProblem, userIdProblem } from "../schemas";
import { parseCsvRows, parseNdjson } from "./formats";
import { invalid, Problem } from "./problems";

const PARSERS: Record<string, (text: string) => unknown> = {
	"application/json": (text) => {
		try {
			return JSON.parse(text);
		} catch (error) {
			throw new Problem(400, "malformed-json", `The body is not valid JSON: ${(error as Error).message}`);
		}
	},
	"application/x-ndjson": parseNdjson,
	"text/csv": parseCsvRows,
};

/**
 * The body as a value: JSON as it is, NDJSON and CSV as an array of rows.
 * 415 for a Content-Type not in `accepted`, 400 for a body that is not UTF-8 or does not parse.
 */
export async function readBody(c: Context, accepted: readonly string[]): Promise<unknown> {
	const type = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
	if (!accepted.includes(type)) {
		throw new Problem(
			415,
			"unsupported-media-type",
			`Send the body as ${accepted.join(" or ")}${type ? `, not ${type}` : " (the Content-Type header is missing)"}.`,
		);
	}
	const bytes = await bodyBytes(c);
	let text: string;
	try {
		text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch (error) {
		if (error instanceof TypeError) throw new Problem(400, "malformed-encoding", "The body is not valid UTF-8.");
		throw error;
	}
	return PARSERS[type](text);
}

/** A body that broke off mid-stream (the client went away): not a complete body, so not a valid one. */
export const bodyIncomplete = () => new Problem(400, "body-incomplete", "The body ended before it was complete.");

/** The body's bytes; 400 when it breaks off before its end. */
export function bodyBytes(c: Context): Promise<ArrayBuffer> {
	return c.req.arrayBuffer().catch(() => {
		throw bodyIncomplete();
	});
}

/**
 * A body checked against its schema, after the size limits (413 before any row is looked at).
 * For a union of an array and an object, the option of the body's shape explains a refusal.
 * A bulk array of PLAIN_ROWS is checked first by a plain loop over the same rules the schemas use
 * (zod's ~0.6 µs a row is felt by a 100,000-row write); only a body that loop refuses goes through
 * zod, for the full list of errors. So are the rows of each operation of a body of operations.
 */
export function validateBody(schema: z.ZodType, body: unknown): unknown {
	checkSize(body);
	const options = schema instanceof z.ZodUnion ? (schema.options as z.ZodType[]) : [schema];
	const chosen = options.find((option) => option instanceof z.ZodArray === Array.isArray(body)) ?? schema;
	const dataRequired = PLAIN_ROWS.get(chosen);
	if (
		dataRequired !== undefined &&
		Array.isArray(body) &&
		body.length > 0 &&
		body.every((row) => isPlainRow(row, dataRequired))
	) {
		return body;
	}
	const plain = plainOperationRows(body);
	// The operations with their plain rows cut to one each for zod, which then checks everything else.
	const checked = plain
		? {
				...(body as object),
				operations: (body as { operations: { rows?: unknown[] }[] }).operations.map((op, i) =>
					plain[i] ? { ...op, rows: plain[i].slice(0, 1) } : op,
				),
			}
		: body;
	const result = chosen.safeParse(checked);
	if (!result.success) throw invalid(result.error, "body");
	if (plain) {
		(result.data as { operations: { rows?: unknown[] }[] }).operations.forEach((op, i) => {
			if (plain[i]) op.rows = plain[i];
		});
	}
	return result.data;
}

/**
 * For a body of operations (a transaction, a session's stage): each operation's `rows` when a plain loop
 * accepts every one of them, by the rules of its op (an update's rows must carry user_data); undefined when
 * no operation has such rows. A refused row leaves its operation to zod, which explains it.
 */
function plainOperationRows(body: unknown): (unknown[] | undefined)[] | undefined {
	const operations = (body as { operations?: unknown } | null)?.operations;
	if (!Array.isArray(operations)) return undefined;
	const plain = operations.map((op) => {
		const { op: kind, rows } = (op ?? {}) as { op?: unknown; rows?: unknown };
		if (!Array.isArray(rows) || rows.length < 2 || !["insert", "upsert", "update"].includes(kind as string)) {
			return undefined;
		}
		return rows.every((row) => isPlainRow(row, kind === "update")) ? rows : undefined;
	});
	return plain.some(Boolean) ? plain : undefined;
}

/** The bulk bodies a plain loop may accept without zod: whether each row must carry user_data. */
const PLAIN_ROWS = new Map<z.ZodType, boolean>([
	[NewRows, false],
	[RowUpdates, true],
]);

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

function isPlainRow(row: unknown, dataRequired: boolean): boolean {
	if (typeof row !== "object" || row === null || Array.isArray(row)) return false;
	for (const key in row) if (key !== "user_id" && key !== "user_data") return false;
	const { user_id, user_data } = row as Record<string, unknown>;
	if (typeof user_id !== "string" || userIdProblem(user_id)) return false;
	if (user_data === undefined) return !dataRequired;
	return user_data === null || (typeof user_data === "string" && !userDataProblem(user_data));
}
