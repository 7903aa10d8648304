// A page of rows, as GET /users and a session's pending view (GET /sessions/{id}/users) both answer it.
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { OperationResult, PlannedOperation } from "../engine/run";
import type { EngineOperation } from "../engine/statements";
import type { AppEnv } from "../env";
import { header } from "../http/api";
import { decodeCursor, encodeCursor } from "../http/cursor";
import { MEDIA_TYPES, negotiate, pick, serialize } from "../http/formats";
import { Problem } from "../http/problems";
import { BOOKMARK, problem } from "../http/responses";
import { COLUMNS, DEFAULT_LIMIT, filtersOf, LIST_FORMATS, type ListQuery, Row } from "../schemas";

const SelectedRow = Row.partial().openapi("SelectedRow", {
	description: "A row; only the columns that columns= picks (all three by default).",
});
const Page = z
	.object({
		data: z.array(SelectedRow),
		next_cursor: z.string().nullable().openapi({ description: "The cursor of the next page; null on the last." }),
		total: z.number().int().optional().openapi({ description: "With count=exact: every row the filters select." }),
	})
	.openapi("Page");

export const text = (description: string) => ({ schema: z.string().openapi({ description }) });
/** Rows out as NDJSON and CSV, in a list and the export alike. */
export const ROWS_OUT = {
	"application/x-ndjson": text("One JSON row per line."),
	"text/csv": text('RFC 4180, CRLF, a header line; fields with , " CR or LF quoted.'),
};
export const NOT_ACCEPTABLE = { 406: problem(406, ["not-acceptable"], "None of the formats this route answers in") };

/** The 200 of a list, in every format. */
export const PAGE = {
	description: "A page of rows",
	headers: {
		...BOOKMARK,
		Link: header('NDJSON, CSV and text: <?…cursor=…>; rel="next" when there is a next page.'),
		"X-Total-Count": header("NDJSON, CSV and text with count=exact: the total."),
	},
	content: {
		"application/json": { schema: Page },
		...ROWS_OUT,
		"text/plain": text("The tutorial's __repr__ layout, one row per line."),
	},
};

export const LIST_QUERY_PROBLEMS = [
	"invalid-query",
	"unknown-parameter",
	"repeated-parameter",
	"invalid-cursor",
	"invalid-bookmark",
] as const;

/** This request's query with `cursor` replaced: the next page, for the Link header. */
function nextPageQuery(c: Context, cursor: string): string {
	const params = new URL(c.req.url).searchParams;
	params.set("cursor", cursor);
	return params.toString();
}

/**
 * Answer a list query: the page (and count) that `read` gets from the table or a session's view, in the
 * negotiated format, with the next page's cursor.
 */
export async function listPage(
	c: Context<AppEnv>,
	query: z.output<typeof ListQuery>,
	read: (operations: EngineOperation[]) => Promise<OperationResult[]>,
) {
	const { order, cursor, count } = query;
	const where = filtersOf(query);
	const limit = query.limit ?? DEFAULT_LIMIT;
	const columns = query.columns ?? COLUMNS;
	const after = cursor === undefined ? undefined : await decodeCursor(c.env, cursor, order);
	const format = negotiate(c, query.format, LIST_FORMATS);
	if (format === "text" && query.columns !== undefined) {
		throw new Problem(
			400,
			"invalid-query",
			"columns does not apply to the text layout, which always shows every column.",
		);
	}
	const operations: PlannedOperation["operation"][] = [{ op: "select", where, order, limit: limit + 1, after }];
	if (count) operations.push({ op: "count", where });
	const [page, total] = await read(operations);
	const data = page.data.slice(0, limit);
	const last = data[data.length - 1];
	const next_cursor = page.data.length > limit ? await encodeCursor(c.env, order, last) : null;
	if (format !== "json") {
		if (next_cursor) c.header("Link", `<?${nextPageQuery(c, next_cursor)}>; rel="next"`);
		if (total) c.header("X-Total-Count", String(total.count));
		return c.body(serialize(data, format, columns), 200, {
			"content-type": `${MEDIA_TYPES[format]}; charset=utf-8`,
		});
	}
	return c.json(
		{
			data: columns === COLUMNS ? data : data.map((row) => pick(row, columns)),
			next_cursor,
			...(total ? { total: total.count } : {}),
		},
		200,
	);
}
