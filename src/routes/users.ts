// /users: list, read, insert, upsert, update and delete rows; each write is a small transaction.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Row } from "../db/schema";
import { exportPages } from "../engine/pages";
import { type PlannedOperation, run } from "../engine/run";
import type { AppEnv } from "../env";
import { Api, header, jsonBody } from "../http/api";
import { recordDatabase, statementLimit } from "../http/database";
import { etag, matchesEtag } from "../http/etag";
import { problemOf } from "../http/failures";
import { MEDIA_TYPES, negotiate, serialize } from "../http/formats";
import { Problem } from "../http/problems";
import {
	AUTH,
	BAD_BODY,
	BAD_PATH,
	BAD_QUERY,
	BOOKMARK,
	CHANGED,
	Count,
	ETAG,
	json,
	NOT_FOUND,
	problem,
	WRITE_AUTH,
} from "../http/responses";
import {
	COLUMNS,
	CsvRows,
	DataOnly,
	EXPORT_FORMATS,
	ExportQuery,
	filtersOf,
	Headers,
	IfMatchHeader,
	IfNoneMatchHeader,
	InsertBody,
	InsertQuery,
	ListQuery,
	MassQuery,
	NdjsonRows,
	NoQuery,
	PatchBody,
	PutBody,
	Row as RowSchema,
	UserIdPath,
} from "../schemas";
import { LIST_QUERY_PROBLEMS, listPage, NOT_ACCEPTABLE, PAGE, ROWS_OUT } from "./list";

const location = (id: string) => `/users/${encodeURIComponent(id)}`;

/** Run the operations and record D1's figures for Server-Timing and the log. */
async function transact(c: Context<AppEnv>, operations: PlannedOperation[]) {
	const { results } = await run(c.var.db, operations, {
		claim: c.var.claim,
		limit: statementLimit(c.env),
		record: (meta) => recordDatabase(c, meta),
	});
	return results;
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
	// Answered again from what the write's batch kept: the check passed then, and the row has changed since.
	if (c.var.claim?.recovering)
		return [{ operation: { op: "unchanged", row: { user_id, user_data: null, time_stamp: "" } } }];
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
		throw problemOf({ kind: "changed", user_id });
	}
	return [{ operation: { op: "unchanged", row } }];
}

/** The filters of a mass write; the engine refuses none without `all=true`. */
const massFilters = (query: z.output<typeof MassQuery>) => ({ where: filtersOf(query), all: query.all === "true" });

const Inserted = Count.extend({ data: z.array(RowSchema).optional() }).openapi("Inserted");

const ROWS_BODY = {
	"application/json": { schema: InsertBody, example: [{ user_id: "Brad", user_data: "Brad's data" }] },
	"application/x-ndjson": { schema: NdjsonRows },
	"text/csv": { schema: CsvRows },
};
const LOCATION = { Location: header("The new row's path.", true) };
const ROW_PATH = "/{user_id}";

const insertRoute = createRoute({
	method: "post",
	path: "/",
	operationId: "insertUsers",
	tags: ["rows"],
	summary: "Insert one row, or an array of rows atomically",
	description:
		"A JSON row inserts it; a JSON array, NDJSON or CSV inserts every row or none. on_conflict=ignore skips existing ids; on_conflict=update replaces their user_data.",
	request: { query: InsertQuery, headers: Headers, body: { required: true, content: ROWS_BODY } },
	responses: {
		201: {
			description: "Inserted: one row (with Location and ETag), or the count and rows of an array",
			headers: { ...BOOKMARK, ETag: header("One row: its ETag."), Location: header("One row: its path.") },
			content: { "application/json": { schema: z.union([RowSchema, Inserted]) } },
		},
		200: json(RowSchema, "One row with on_conflict=ignore or update, whose id existed: the row as it is now", ETAG),
		...BAD_BODY,
		...WRITE_AUTH,
		409: problem(409, ["already-exists", "duplicate-ids"], "An id exists, or appears twice"),
	},
});

const patchRoute = createRoute({
	method: "patch",
	path: "/",
	operationId: "updateUsers",
	tags: ["rows"],
	summary: "Update rows by primary key (array), or set user_data on every row the filters select (object)",
	request: {
		query: MassQuery,
		headers: Headers,
		body: {
			required: true,
			content: {
				"application/json": {
					schema: PatchBody,
					example: [{ user_id: "Brad", user_data: "bulk data for Brad" }],
				},
			},
		},
	},
	responses: {
		200: json(Count, "Rows changed"),
		...BAD_BODY,
		422: problem(422, ["invalid-body", "unfiltered-mass-write"], "Invalid, or a mass update with no filter"),
		...WRITE_AUTH,
		...NOT_FOUND,
		409: problem(409, ["duplicate-ids"], "An id appears twice"),
	},
});

/** The request of a write to one row: its id in the path, If-Match, and a JSON body. */
const rowWrite = <T extends z.ZodType>(schema: T, user_data: string) => ({
	params: UserIdPath,
	query: NoQuery,
	headers: IfMatchHeader,
	body: { required: true, content: { "application/json": { schema, example: { user_data } } } },
});

const putRoute = createRoute({
	method: "put",
	path: ROW_PATH,
	operationId: "putUser",
	tags: ["rows"],
	summary: "Create the row, or replace its user_data (upsert)",
	request: rowWrite(PutBody, "Brad's data"),
	responses: {
		200: json(RowSchema, "Replaced", ETAG),
		201: json(RowSchema, "Created", { ...ETAG, ...LOCATION }),
		...BAD_BODY,
		...WRITE_AUTH,
		...CHANGED,
	},
});

const patchOneRoute = createRoute({
	method: "patch",
	path: ROW_PATH,
	operationId: "updateUser",
	tags: ["rows"],
	summary: "Change the row's user_data",
	request: rowWrite(DataOnly, "Changed data"),
	responses: {
		200: json(RowSchema, "The changed row", ETAG),
		...BAD_BODY,
		...WRITE_AUTH,
		...NOT_FOUND,
		...CHANGED,
	},
});

export const users = new Api()
	.openapi(
		createRoute({
			method: "get",
			path: "/",
			operationId: "listUsers",
			tags: ["rows"],
			summary: "List rows: filtered, ordered, paged",
			description:
				"JSON by default; NDJSON, CSV or the tutorial's text layout by Accept or format=. Pages by keyset: pass next_cursor as cursor.",
			request: { query: ListQuery, headers: Headers },
			responses: {
				200: PAGE,
				400: problem(400, [...LIST_QUERY_PROBLEMS], "A query parameter is malformed"),
				...AUTH,
				...NOT_ACCEPTABLE,
				413: problem(413, ["filter-too-large"], "The user_id filter is over 1,000,000 bytes of JSON"),
			},
		}),
		(c) =>
			listPage(c, c.req.valid("query"), async (operations) =>
				transact(
					c,
					operations.map((operation) => ({ operation })),
				),
			),
	)

	.openapi(
		createRoute({
			method: "get",
			path: "/export",
			operationId: "exportUsers",
			tags: ["rows"],
			summary: "Stream every selected row, in bounded memory",
			request: { query: ExportQuery, headers: Headers },
			responses: {
				200: {
					description: "Every selected row",
					headers: { "Content-Disposition": header('attachment; filename="userdata.ndjson" or "userdata.csv"', true) },
					content: {
						...ROWS_OUT,
					},
				},
				...BAD_QUERY,
				...AUTH,
				...NOT_ACCEPTABLE,
				413: problem(
					413,
					["export-too-large", "filter-too-large"],
					"More rows than one request can stream; slice it with a filter",
				),
			},
		}),
		async (c) => {
			const query = c.req.valid("query");
			const columns = query.columns ?? COLUMNS;
			const format = negotiate(c, query.format, EXPORT_FORMATS) as (typeof EXPORT_FORMATS)[number];
			const rows = await exportPages(c.var.db, filtersOf(query), query.order);
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
			return c.body(body, 200, {
				"content-type": `${MEDIA_TYPES[format]}; charset=utf-8`,
				"content-disposition": `attachment; filename="userdata.${format}"`,
			});
		},
	)

	.openapi(insertRoute, async (c) => {
		const { on_conflict: conflict, return: representation } = c.req.valid("query");
		const minimal = representation === "minimal";
		const body = jsonBody(c, insertRoute);
		if (Array.isArray(body)) {
			const [inserted] = await transact(c, [
				{ operation: { op: "insert", rows: body }, options: { conflict, returning: !minimal } },
			]);
			return c.json(minimal ? { count: inserted.count } : { count: inserted.count, data: inserted.data }, 201);
		}
		const [before, inserted] = await transact(c, [
			selectOne(body.user_id),
			{ operation: { op: "insert", rows: [body] }, options: { conflict, returning: true } },
		]);
		const current: Row = inserted.data[0] ?? before.data[0];
		c.header("ETag", await etag(current));
		if (before.count > 0) return c.json(current, 200);
		c.header("Location", location(body.user_id));
		return c.json(current, 201);
	})

	.openapi(patchRoute, async (c) => {
		const query = c.req.valid("query");
		const body = jsonBody(c, patchRoute);
		if (Array.isArray(body)) {
			if (new URL(c.req.url).search !== "") {
				throw new Problem(
					400,
					"invalid-query",
					"Filters apply to the object form of PATCH /users; an array names its rows by user_id.",
				);
			}
			const [updated] = await transact(c, [{ operation: { op: "update", rows: body, missing: "error" } }]);
			return c.json({ count: updated.count }, 200);
		}
		const { where, all } = massFilters(query);
		const [updated] = await transact(c, [{ operation: { op: "update_where", where, set: body, all } }]);
		return c.json({ count: updated.count }, 200);
	})

	.openapi(
		createRoute({
			method: "delete",
			path: "/",
			operationId: "deleteUsers",
			tags: ["rows"],
			summary: "Delete every row the filters select",
			request: { query: MassQuery, headers: Headers },
			responses: {
				200: json(Count, "Rows deleted"),
				...BAD_QUERY,
				422: problem(422, ["unfiltered-mass-write"], "A mass delete with no filter and without all=true"),
				...WRITE_AUTH,
				413: problem(413, ["filter-too-large", "too-many-statements"], "The user_id filter is too large"),
			},
		}),
		async (c) => {
			const { where, all } = massFilters(c.req.valid("query"));
			const [deleted] = await transact(c, [{ operation: { op: "delete_where", where, all } }]);
			return c.json({ count: deleted.count }, 200);
		},
	)

	.openapi(
		createRoute({
			method: "get",
			path: ROW_PATH,
			operationId: "getUser",
			tags: ["rows"],
			summary: "One row, with its ETag; If-None-Match gives 304",
			request: { params: UserIdPath, query: NoQuery, headers: IfNoneMatchHeader },
			responses: {
				200: json(RowSchema, "The row", ETAG),
				304: { description: "The row still has the ETag If-None-Match named", headers: ETAG },
				...BAD_QUERY,
				...BAD_PATH,
				...AUTH,
				...NOT_FOUND,
			},
		}),
		async (c) => {
			const { user_id } = c.req.valid("param");
			const [found] = await transact(c, [selectOne(user_id)]);
			const row = found.data[0];
			if (!row) throw new Problem(404, "not-found", `User '${user_id}' does not exist`, { user_ids: [user_id] });
			const tag = await etag(row);
			c.header("ETag", tag);
			const ifNoneMatch = c.req.header("if-none-match");
			if (ifNoneMatch && matchesEtag(ifNoneMatch, tag, "weak")) return c.body(null, 304);
			return c.json(row, 200);
		},
	)

	.openapi(putRoute, async (c) => {
		const { user_id } = c.req.valid("param");
		const body = jsonBody(c, putRoute);
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

	.openapi(patchOneRoute, async (c) => {
		const { user_id } = c.req.valid("param");
		const { user_data } = jsonBody(c, patchOneRoute);
		const results = await transact(c, [
			...(await ifMatch(c, user_id)),
			{ operation: { op: "update", rows: [{ user_id, user_data }], missing: "error" }, options: { returning: true } },
		]);
		const row = results[results.length - 1].data[0];
		c.header("ETag", await etag(row));
		return c.json(row, 200);
	})

	.openapi(
		createRoute({
			method: "delete",
			path: ROW_PATH,
			operationId: "deleteUser",
			tags: ["rows"],
			summary: "Delete one row",
			request: { params: UserIdPath, query: NoQuery, headers: IfMatchHeader },
			responses: {
				204: { description: "Deleted", headers: BOOKMARK },
				...BAD_QUERY,
				...BAD_PATH,
				...WRITE_AUTH,
				...NOT_FOUND,
				...CHANGED,
			},
		}),
		async (c) => {
			const { user_id } = c.req.valid("param");
			await transact(c, [
				...(await ifMatch(c, user_id)),
				{ operation: { op: "delete", user_ids: [user_id], missing: "error" } },
			]);
			return c.body(null, 204);
		},
	);
