// /users: list, read, insert, upsert, update and delete rows; each write is a small transaction.
import { z } from "@hono/zod-openapi";
import { type Context, Hono } from "hono";
import type { Row } from "../db/schema";
import { exportPages } from "../engine/pages";
import { changedProblem, type PlannedOperation, run } from "../engine/run";
import type { AppEnv } from "../env";
import { decodeCursor, encodeCursor } from "../http/cursor";
import { recordDatabase } from "../http/database";
import { etag, matchesEtag } from "../http/etag";
import { COLUMNS, type Column, MEDIA_TYPES, negotiate, pick, serialize } from "../http/formats";
import { Problem } from "../http/problems";
import {
	checkSize,
	FILTER_KEYS,
	parse,
	parseRows,
	readAll,
	readBody,
	readFilters,
	readQuery,
	rejectDuplicates,
} from "../http/request";
import { DataOnly, DEFAULT_LIMIT, isUnfiltered, Limit, NewRow, Order, PutBody, RowUpdate, UserId } from "../schemas";

const location = (id: string) => `/users/${encodeURIComponent(id)}`;

/** This request's query with `cursor` replaced: the next page, for the Link header. */
function nextPageQuery(c: Context, cursor: string): string {
	const params = new URL(c.req.url).searchParams;
	params.set("cursor", cursor);
	return params.toString();
}

/** Run the operations and record D1's figures for Server-Timing and the log. */
async function transact(c: Context<AppEnv>, operations: PlannedOperation[]) {
	const { results } = await run(c.var.db, operations, { record: (meta) => recordDatabase(c, meta) });
	return results;
}

function pathId(c: Context): string {
	return parse(UserId, c.req.param("user_id"), "body", ["user_id"]);
}

const selectOne = (user_id: string): PlannedOperation => ({
	operation: { op: "select", where: { user_id: [user_id] }, order: "user_id", limit: 1 },
});

/**
 * With If-Match: read the row, compare its ETag, and return an `unchanged` check that the
 * write's own batch runs first, so of two clients holding the same ETag only one can win.
 */
async function ifMatch(c: Context<AppEnv>, user_id: string): Promise<PlannedOperation[]> {
	const header = c.req.header("if-match");
	if (header === undefined) return [];
	const [found] = await transact(c, [selectOne(user_id)]);
	const row = found.data[0];
	if (!row) {
		throw new Problem(412, "precondition-failed", `User '${user_id}' does not exist, so If-Match cannot match.`, {
			user_ids: [user_id],
		});
	}
	const tag = await etag(row);
	if (!matchesEtag(header, tag, "strong")) {
		c.header("ETag", tag);
		throw changedProblem(user_id);
	}
	return [{ operation: { op: "unchanged", row } }];
}

const Conflict = z.enum(["error", "ignore", "update"]).default("error");
const Return = z.enum(["representation", "minimal"]).default("representation");

/** The filters of a mass write, refused unless there is one or `all=true`. */
function massFilters(query: Record<string, string | string[]>) {
	const where = readFilters(query);
	const all = readAll(query);
	if (!all && isUnfiltered(where)) {
		throw new Problem(
			422,
			"unfiltered-mass-write",
			"Refusing to change every row without a filter: add a filter such as ?user_data=…, or say ?all=true.",
		);
	}
	return { where, all };
}

/** `columns=user_id,user_data`: which columns, in table order; all by default. */
function readColumns(value: string | string[] | undefined): readonly Column[] {
	if (value === undefined) return COLUMNS;
	const asked = String(value).split(",");
	const unknown = asked.filter((col) => !(COLUMNS as readonly string[]).includes(col));
	if (unknown.length > 0 || asked.length === 0 || new Set(asked).size !== asked.length) {
		throw new Problem(
			400,
			"invalid-query",
			`columns is a comma-separated list of distinct columns of ${COLUMNS.join(", ")}.`,
			{
				errors: [{ path: "columns", message: `unknown or repeated: ${unknown.join(", ") || value}` }],
			},
		);
	}
	return COLUMNS.filter((col) => asked.includes(col));
}

const LIST_FORMATS = ["json", "ndjson", "csv", "text"] as const;
const EXPORT_FORMATS = ["ndjson", "csv"] as const;

export const users = new Hono<AppEnv>()
	.get("/", async (c) => {
		const query = readQuery(c, [...FILTER_KEYS, "order", "limit", "cursor", "count", "format", "columns"]);
		const where = readFilters(query);
		const order = parse(Order, query.order ?? "user_id", "query", ["order"]);
		const limit = parse(Limit, query.limit ?? String(DEFAULT_LIMIT), "query", ["limit"]);
		const count = parse(z.enum(["exact"]).optional(), query.count, "query", ["count"]);
		const columns = readColumns(query.columns);
		const after = typeof query.cursor === "string" ? await decodeCursor(c.env, query.cursor, order) : undefined;
		const format = negotiate(c, query.format as string | undefined, LIST_FORMATS);
		if (format === "text" && query.columns !== undefined) {
			throw new Problem(
				400,
				"invalid-query",
				"columns does not apply to the text layout, which always shows every column.",
			);
		}
		const operations: PlannedOperation[] = [{ operation: { op: "select", where, order, limit: limit + 1, after } }];
		if (count) operations.push({ operation: { op: "count", where } });
		const [page, total] = await transact(c, operations);
		const data = page.data.slice(0, limit);
		const last = data[data.length - 1];
		const next_cursor = page.data.length > limit ? await encodeCursor(c.env, order, last) : null;
		if (format !== "json") {
			if (next_cursor) c.header("Link", `<?${nextPageQuery(c, next_cursor)}>; rel="next"`);
			if (total) c.header("X-Total-Count", String(total.count));
			return c.body(serialize(data, format, columns), 200, { "content-type": `${MEDIA_TYPES[format]}; charset=utf-8` });
		}
		return c.json({
			data: columns === COLUMNS ? data : data.map((row) => pick(row, columns)),
			next_cursor,
			...(total ? { total: total.count } : {}),
		});
	})

	.get("/export", async (c) => {
		const query = readQuery(c, [...FILTER_KEYS, "order", "format", "columns"]);
		const where = readFilters(query);
		const order = parse(Order, query.order ?? "user_id", "query", ["order"]);
		const columns = readColumns(query.columns);
		const format = negotiate(c, query.format as string | undefined, EXPORT_FORMATS) as (typeof EXPORT_FORMATS)[number];
		const rows = await exportPages(c.var.db, where, order);
		const encoder = new TextEncoder();
		let header = format === "csv";
		// Pull-driven: the next page is read from D1 only when the client has taken the last one.
		const body = new ReadableStream<Uint8Array>(
			{
				async pull(controller) {
					const next = await rows.next();
					if (next.done) {
						if (header) controller.enqueue(encoder.encode(serialize([], format, columns)));
						controller.close();
						return;
					}
					controller.enqueue(encoder.encode(serialize(next.value, format, columns, header)));
					header = false;
				},
				async cancel() {
					await rows.return(undefined);
				},
			},
			{ highWaterMark: 0 },
		);
		const name = `userdata.${format}`;
		return c.body(body, 200, {
			"content-type": `${MEDIA_TYPES[format]}; charset=utf-8`,
			"content-disposition": `attachment; filename="${name}"`,
		});
	})

	.post("/", async (c) => {
		const query = readQuery(c, ["on_conflict", "return"]);
		const conflict = parse(Conflict, query.on_conflict, "query", ["on_conflict"]);
		const minimal = parse(Return, query.return, "query", ["return"]) === "minimal";
		const body = await readBody(c, ["json", "ndjson", "csv"]);
		checkSize(body);
		if (Array.isArray(body)) {
			const rows = parseRows(z.array(NewRow).min(1), body, false);
			rejectDuplicates(rows.map((r) => r.user_id));
			const [inserted] = await transact(c, [
				{ operation: { op: "insert", rows }, options: { conflict, returning: !minimal } },
			]);
			return c.json(minimal ? { count: inserted.count } : { count: inserted.count, data: inserted.data }, 201);
		}
		const row = parse(NewRow, body, "body");
		const [before, inserted] = await transact(c, [
			selectOne(row.user_id),
			{ operation: { op: "insert", rows: [row] }, options: { conflict, returning: true } },
		]);
		const current: Row = inserted.data[0] ?? before.data[0];
		c.header("ETag", await etag(current));
		if (before.count > 0) return c.json(current, 200);
		c.header("Location", location(row.user_id));
		return c.json(current, 201);
	})

	.patch("/", async (c) => {
		const query = readQuery(c, [...FILTER_KEYS, "all"]);
		const body = await readBody(c);
		checkSize(body);
		if (Array.isArray(body)) {
			if (Object.keys(query).length > 0) {
				throw new Problem(
					400,
					"invalid-query",
					"Filters apply to the object form of PATCH /users; an array names its rows by user_id.",
				);
			}
			const rows = parseRows(z.array(RowUpdate).min(1), body, true);
			rejectDuplicates(rows.map((r) => r.user_id));
			const [updated] = await transact(c, [{ operation: { op: "update", rows, missing: "error" } }]);
			return c.json({ count: updated.count });
		}
		const set = parse(DataOnly, body, "body");
		const { where, all } = massFilters(query);
		const [updated] = await transact(c, [{ operation: { op: "update_where", where, set, all } }]);
		return c.json({ count: updated.count });
	})

	.delete("/", async (c) => {
		const { where, all } = massFilters(readQuery(c, [...FILTER_KEYS, "all"]));
		const [deleted] = await transact(c, [{ operation: { op: "delete_where", where, all } }]);
		return c.json({ count: deleted.count });
	})

	.get("/:user_id", async (c) => {
		readQuery(c, []);
		const user_id = pathId(c);
		const [found] = await transact(c, [selectOne(user_id)]);
		const row = found.data[0];
		if (!row) throw new Problem(404, "not-found", `User '${user_id}' does not exist`, { user_ids: [user_id] });
		const tag = await etag(row);
		c.header("ETag", tag);
		const ifNoneMatch = c.req.header("if-none-match");
		if (ifNoneMatch && matchesEtag(ifNoneMatch, tag, "weak")) return c.body(null, 304);
		return c.json(row);
	})

	.put("/:user_id", async (c) => {
		readQuery(c, []);
		const user_id = pathId(c);
		const body = parse(PutBody, await readBody(c), "body");
		if (body.user_id !== undefined && body.user_id !== user_id) {
			throw new Problem(
				422,
				"invalid-body",
				`The body's user_id '${body.user_id}' differs from the path's '${user_id}'.`,
				{
					errors: [{ path: "user_id", message: "must equal the user_id in the path" }],
				},
			);
		}
		const [before, written] = await transact(c, [
			...(await ifMatch(c, user_id)),
			selectOne(user_id),
			{ operation: { op: "upsert", rows: [{ user_id, user_data: body.user_data }] }, options: { returning: true } },
		]).then((results) => results.slice(-2));
		const row = written.data[0];
		c.header("ETag", await etag(row));
		if (before.count > 0) return c.json(row, 200);
		c.header("Location", location(user_id));
		return c.json(row, 201);
	})

	.patch("/:user_id", async (c) => {
		readQuery(c, []);
		const user_id = pathId(c);
		const { user_data } = parse(DataOnly, await readBody(c), "body");
		const results = await transact(c, [
			...(await ifMatch(c, user_id)),
			{ operation: { op: "update", rows: [{ user_id, user_data }], missing: "error" }, options: { returning: true } },
		]);
		const row = results[results.length - 1].data[0];
		c.header("ETag", await etag(row));
		return c.json(row);
	})

	.delete("/:user_id", async (c) => {
		readQuery(c, []);
		const user_id = pathId(c);
		await transact(c, [
			...(await ifMatch(c, user_id)),
			{ operation: { op: "delete", user_ids: [user_id], missing: "error" } },
		]);
		return c.body(null, 204);
	});
