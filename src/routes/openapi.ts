// The OpenAPI 3.1 document, built from the same zod schemas that validate requests.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import {
	DataOnly,
	DEFAULT_LIMIT,
	Filters,
	MAX_BODY_BYTES,
	MAX_LIMIT,
	MAX_OPERATIONS,
	MAX_ROWS,
	NewRow,
	ORDERS,
	PutBody,
	Row,
	RowUpdate,
	Transaction,
	UserId,
} from "../schemas";

const Problem = z
	.object({
		type: z.string(),
		title: z.string(),
		status: z.number().int(),
		detail: z.string(),
		errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
		user_ids: z.array(z.string()).optional(),
		operation: z.number().int().optional(),
	})
	.openapi("Problem");

const Count = z.object({ count: z.number().int() }).openapi("Count");
const Page = z
	.object({ data: z.array(Row), next_cursor: z.string().nullable(), total: z.number().int().optional() })
	.openapi("Page");

const problem = (description: string) => ({
	description,
	content: { "application/problem+json": { schema: Problem } },
});
const json = <T extends z.ZodType>(schema: T, description: string) => ({
	description,
	content: { "application/json": { schema } },
});

/** Answers every authenticated route can give. */
const AUTH = { 401: problem("No or wrong bearer token"), 403: problem("The token lacks the write scope") };
const BAD = { 400: problem("Malformed body or query"), 422: problem("Well-formed but invalid") };
const BODY = {
	413: problem(`Over ${MAX_BODY_BYTES} bytes or ${MAX_ROWS} rows`),
	415: problem("Unsupported Content-Type"),
};

const Path = z.object({ user_id: UserId.openapi({ param: { name: "user_id", in: "path" } }) });
const FilterQuery = Filters.extend({
	user_id: z.array(z.string()).optional().openapi({ description: "Exactly these ids (repeat the parameter)" }),
	all: z.enum(["true", "false"]).optional().openapi({ description: "Required to change every row with no filter" }),
});
const ListQuery = Filters.extend({
	user_id: z.array(z.string()).optional(),
	order: z.enum(ORDERS).optional().openapi({ description: "Default user_id" }),
	limit: z
		.number()
		.int()
		.min(1)
		.max(MAX_LIMIT)
		.optional()
		.openapi({ description: `Default ${DEFAULT_LIMIT}` }),
	cursor: z.string().optional().openapi({ description: "next_cursor of the previous page" }),
	count: z.enum(["exact"]).optional(),
	format: z.enum(["json", "ndjson", "csv", "text"]).optional(),
	columns: z.string().optional().openapi({ example: "user_id,user_data" }),
});
const ROWS_BODY = {
	"application/json": {
		schema: z.union([NewRow, z.array(NewRow)]),
		example: [{ user_id: "Brad", user_data: "Brad's data" }],
	},
	"application/x-ndjson": { schema: z.string(), example: '{"user_id":"Brad","user_data":"Brad\'s data"}\n' },
	"text/csv": { schema: z.string(), example: "user_id,user_data\r\nBrad,Brad's data\r\n" },
};
const IF_MATCH = z.object({ "if-match": z.string().optional() });

const doc = new OpenAPIHono();
const registry = doc.openAPIRegistry;
registry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });

for (const route of [
	createRoute({
		method: "get",
		path: "/users",
		summary: "List rows: filtered, ordered, paged",
		request: { query: ListQuery },
		responses: {
			200: {
				description: "A page of rows",
				content: {
					"application/json": { schema: Page },
					"application/x-ndjson": { schema: z.string() },
					"text/csv": { schema: z.string() },
					"text/plain": { schema: z.string() },
				},
			},
			...BAD,
			...AUTH,
			406: problem("No acceptable format"),
		},
	}),
	createRoute({
		method: "post",
		path: "/users",
		summary: "Insert one row, or an array of rows atomically",
		request: {
			query: z.object({
				on_conflict: z.enum(["error", "ignore", "update"]).optional(),
				return: z.enum(["minimal"]).optional(),
			}),
			body: { required: true, content: ROWS_BODY },
		},
		responses: {
			201: json(z.union([Row, Count.extend({ data: z.array(Row).optional() })]), "Inserted"),
			200: json(Row, "One row with on_conflict: it existed"),
			...BAD,
			...AUTH,
			409: problem("An id exists, or appears twice"),
			...BODY,
		},
	}),
	createRoute({
		method: "patch",
		path: "/users",
		summary: "Update rows by primary key (array), or set user_data on every filtered row (object)",
		request: {
			query: FilterQuery,
			body: {
				required: true,
				content: {
					"application/json": {
						schema: z.union([z.array(RowUpdate), DataOnly]),
						example: [{ user_id: "Brad", user_data: "bulk data for Brad" }],
					},
				},
			},
		},
		responses: { 200: json(Count, "Rows changed"), ...BAD, ...AUTH, 404: problem("Some ids are missing"), ...BODY },
	}),
	createRoute({
		method: "delete",
		path: "/users",
		summary: "Delete every row the filters select",
		request: { query: FilterQuery },
		responses: { 200: json(Count, "Rows deleted"), ...BAD, ...AUTH },
	}),
	createRoute({
		method: "get",
		path: "/users/export",
		summary: "Stream every selected row",
		request: { query: ListQuery.pick({ order: true, format: true, columns: true }).extend(Filters.shape) },
		responses: {
			200: {
				description: "All selected rows",
				content: { "application/x-ndjson": { schema: z.string() }, "text/csv": { schema: z.string() } },
			},
			...BAD,
			...AUTH,
			406: problem("No acceptable format"),
		},
	}),
	createRoute({
		method: "get",
		path: "/users/{user_id}",
		summary: "One row, with its ETag",
		request: { params: Path, headers: z.object({ "if-none-match": z.string().optional() }) },
		responses: { 200: json(Row, "The row"), 304: { description: "Unchanged" }, ...AUTH, 404: problem("No such row") },
	}),
	createRoute({
		method: "put",
		path: "/users/{user_id}",
		summary: "Create or replace user_data",
		request: {
			params: Path,
			headers: IF_MATCH,
			body: {
				required: true,
				content: { "application/json": { schema: PutBody, example: { user_data: "Brad's data" } } },
			},
		},
		responses: {
			200: json(Row, "Replaced"),
			201: json(Row, "Created"),
			...BAD,
			...AUTH,
			412: problem("If-Match does not match"),
			...BODY,
		},
	}),
	createRoute({
		method: "patch",
		path: "/users/{user_id}",
		summary: "Change user_data",
		request: {
			params: Path,
			headers: IF_MATCH,
			body: {
				required: true,
				content: { "application/json": { schema: DataOnly, example: { user_data: "Changed data" } } },
			},
		},
		responses: {
			200: json(Row, "The changed row"),
			...BAD,
			...AUTH,
			404: problem("No such row"),
			412: problem("If-Match does not match"),
			...BODY,
		},
	}),
	createRoute({
		method: "delete",
		path: "/users/{user_id}",
		summary: "Delete one row",
		request: { params: Path, headers: IF_MATCH },
		responses: {
			204: { description: "Deleted" },
			...AUTH,
			404: problem("No such row"),
			412: problem("If-Match does not match"),
		},
	}),
	createRoute({
		method: "post",
		path: "/transactions",
		summary: `Run up to ${MAX_OPERATIONS} operations in order, atomically`,
		request: {
			body: {
				required: true,
				content: {
					"application/json": {
						schema: Transaction,
						example: { operations: [{ op: "select", where: { user_id: ["Brad"] } }] },
					},
				},
			},
		},
		responses: {
			200: json(
				z.union([
					z.object({ results: z.array(z.union([Count, z.object({ data: z.array(Row) })])) }),
					z.object({ dry_run: z.literal(true), ok: z.literal(true) }),
				]),
				"One result per operation (or a dry run's verdict)",
			),
			...BAD,
			...AUTH,
			404: problem("An operation's row is missing"),
			409: problem("An insert conflicts, or an expect fails"),
			...BODY,
		},
	}),
]) {
	registry.registerPath({ ...route, security: [{ bearer: [] }] });
}

for (const [path, summary] of [
	["/healthz", "Health of the service, its database and schema"],
	["/openapi.json", "This document"],
	["/docs", "Interactive API reference"],
] as const) {
	registry.registerPath({
		method: "get",
		path,
		summary,
		security: [],
		responses: { 200: { description: "OK" }, ...(path === "/healthz" ? { 503: { description: "Not ready" } } : {}) },
	});
}

let document: unknown;

/** The document, generated once per isolate. */
export function openApiDocument() {
	document ??= doc.getOpenAPI31Document({
		openapi: "3.1.0",
		info: {
			title: "userdata",
			version: "1.0.0",
			description: "Rows of the userdata table over HTTPS: every write atomic, every error problem+json.",
		},
	});
	return document;
}
