// Rows out and in as JSON, NDJSON, CSV (RFC 4180) and the tutorial's text layout.
import { parse as parseCsv } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { Context } from "hono";
import type { Row } from "../db/schema";
import { COLUMNS, type Column } from "../schemas";
import { Problem } from "./problems";

export const MEDIA_TYPES = {
	json: "application/json",
	ndjson: "application/x-ndjson",
	csv: "text/csv",
	text: "text/plain",
} as const;
export type Format = keyof typeof MEDIA_TYPES;

/** Media ranges of an Accept header, best first (RFC 9110 q-values; ties keep their order). */
function mediaRanges(accept: string): string[] {
	return accept
		.split(",")
		.map((part, i) => {
			const [range, ...params] = part.trim().toLowerCase().split(";");
			const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
			return { range: range.trim(), q: q ? Number(q.slice(2)) : 1, i };
		})
		.filter((r) => r.range && r.q > 0)
		.sort((a, b) => b.q - a.q || a.i - b.i)
		.map((r) => r.range);
}

/** `?format=` wins over `Accept`; JSON when the client takes anything; 406 when it takes none of `offered`. */
export function negotiate(c: Context, format: string | undefined, offered: readonly Format[]): Format {
	if (format !== undefined) {
		if ((offered as readonly string[]).includes(format)) return format as Format;
		throw new Problem(400, "invalid-query", `format must be one of ${offered.join(", ")}.`, {
			errors: [{ path: "format", message: `must be one of ${offered.join(", ")}` }],
		});
	}
	const accept = c.req.header("accept");
	if (!accept) return offered[0];
	for (const range of mediaRanges(accept)) {
		if (range === "*/*") return offered[0];
		const match = offered.find(
			(f) => MEDIA_TYPES[f] === range || (range.endsWith("/*") && MEDIA_TYPES[f].startsWith(range.slice(0, -1))),
		);
		if (match) return match;
	}
	throw new Problem(
		406,
		"not-acceptable",
		`Cannot answer with ${accept}; available: ${offered.map((f) => MEDIA_TYPES[f]).join(", ")}.`,
	);
}

const MONTHS = [
	"January",
	"February",
	"March",
	"April",
	"May",
	"June",
	"July",
	"August",
	"September",
	"October",
	"November",
	"December",
];

/** Pad to `width` characters (code points), as Python's format spec `:{width}` does. */
const pad = (s: string, width: number) => s + " ".repeat(Math.max(0, width - Array.from(s).length));
const two = (n: number) => String(n).padStart(2, "0");

/** `time_stamp.strftime('%B %d %H:%M')`, in UTC. */
export function tutorialTime(timeStamp: string): string {
	const t = new Date(timeStamp);
	return `${MONTHS[t.getUTCMonth()]} ${two(t.getUTCDate())} ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}`;
}

/** One row as the tutorial's `__repr__` prints it; a null user_data prints as `null`. */
export function textLine(row: Row): string {
	return `user_id=${pad(row.user_id, 8)}user_data=${pad(row.user_data ?? "null", 22)}time_stamp=${tutorialTime(row.time_stamp)}`;
}

/**
 * Spreadsheets run a cell that starts with = + - @ (or tab, CR) as a formula. Such a value is
 * written with a leading apostrophe, and so is every value that starts with one, so the
 * import can remove exactly one and get the value back unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r']/;
const guardFormula = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);
const unguardFormula = (value: string) => (value.startsWith("'") ? value.slice(1) : value);

/** One line per row, each ended by a newline (one loop, no intermediate array). */
function lines(rows: Row[], line: (row: Row) => string): string {
	let text = "";
	for (const row of rows) text += `${line(row)}\n`;
	return text;
}

/** Rows as text in `format` (not JSON), only `columns`; `header` adds the CSV header line. */
export function serialize(
	rows: Row[],
	format: Exclude<Format, "json">,
	columns: readonly Column[],
	header = true,
): string {
	switch (format) {
		case "text":
			return lines(rows, textLine);
		case "ndjson":
			return lines(rows, (row) => JSON.stringify(pick(row, columns)));
		case "csv":
			// null is an empty field; an empty string is a quoted empty field "". Any field holding
			// a comma, a quote, a CR or an LF is quoted: csv-stringify quotes the first two itself,
			// but once record_delimiter is given it quotes only that exact sequence (CRLF) unless
			// quote_record_delimiter is on, and a reader splits records on a bare CR or LF too.
			return stringify(
				rows.map((row) => columns.map((col) => row[col])),
				{
					header,
					columns: [...columns],
					record_delimiter: "\r\n",
					quote_record_delimiter: true,
					cast: { string: (value) => (value === "" ? { value, quoted_empty: true } : guardFormula(value)) },
				},
			);
	}
}

export function pick(row: Row, columns: readonly Column[]): Partial<Row> {
	if (columns.length === COLUMNS.length) return row;
	return Object.fromEntries(columns.map((col) => [col, row[col]]));
}

/** An NDJSON body as values, one per non-empty line; 400 naming the first bad line. */
export function parseNdjson(text: string): unknown[] {
	const values: unknown[] = [];
	const lines = text.split("\n");
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i].replace(/\r$/, "");
		if (line.trim() === "") continue;
		try {
			values.push(JSON.parse(line));
		} catch (error) {
			throw new Problem(400, "malformed-ndjson", `Line ${i + 1} is not valid JSON: ${(error as Error).message}`, {
				line: i + 1,
			});
		}
	}
	return values;
}

/**
 * A CSV body (RFC 4180, header line first) as row objects. An unquoted empty field is null,
 * a quoted one the empty string; a leading apostrophe (the export's formula guard) is removed.
 * A malformed line is a 400 that names it.
 */
export function parseCsvRows(text: string): Record<string, string | null>[] {
	try {
		return parseCsv(text, {
			columns: (header: string[]) => header.map((h) => h.trim()),
			bom: true,
			skip_empty_lines: true,
			relax_column_count: false,
			cast: (value, context) =>
				context.header ? value : value === "" && !context.quoting ? null : unguardFormula(value),
		});
	} catch (error) {
		const { message, lines } = error as Error & { lines?: number };
		throw new Problem(400, "malformed-csv", `The CSV is malformed${lines ? ` at line ${lines}` : ""}: ${message}`, {
			...(lines ? { line: lines } : {}),
		});
	}
}
