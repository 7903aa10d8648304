// Formats out (JSON, NDJSON, CSV, text) and in (NDJSON, CSV), and the export round trip.
import { parse } from "csv-parse/sync";
import { beforeEach, describe, expect, it } from "vitest";
import { call, clearTable, json, READ, table } from "./client";
import { CSV_CORPUS } from "./csv-corpus";

const tricky = [
	{ user_id: "comma", user_data: "a, b" },
	{ user_id: "quote", user_data: 'she said "hi"' },
	{ user_id: "crlf", user_data: "line1\r\nline2\nline3" },
	{ user_id: "=formula", user_data: '=HYPERLINK("http://x")' },
	{ user_id: "plus", user_data: "+1" },
	{ user_id: "minus", user_data: "-2" },
	{ user_id: "at", user_data: "@SUM(A1)" },
	{ user_id: "apostrophe", user_data: "'quoted" },
	{ user_id: "tab", user_data: "\tx" },
	{ user_id: "empty", user_data: "" },
	{ user_id: "null", user_data: null },
	{ user_id: "unicode", user_data: "é🎉中文" },
];

const send = (body: string, type: string, query = "") =>
	json(`/users${query}`, { method: "POST", body, headers: { "content-type": type } });

beforeEach(clearTable);

describe("formats out", () => {
	beforeEach(async () => {
		await json("/users", { method: "POST", body: tricky });
	});

	it("by Accept or ?format=, with the right Content-Type", async () => {
		const cases = [
			["application/json", "json", "application/json"],
			["application/x-ndjson", "ndjson", "application/x-ndjson"],
			["text/csv", "csv", "text/csv"],
			["text/plain", "text", "text/plain"],
			["text/csv;q=0.5, application/x-ndjson", undefined, "application/x-ndjson"],
			["text/*", undefined, "text/csv"],
			["*/*", undefined, "application/json"],
		] as const;
		for (const [accept, format, type] of cases) {
			const byAccept = await call("/users", { token: READ, headers: { accept } });
			expect(byAccept.headers.get("content-type"), accept).toMatch(new RegExp(`^${type}`));
			if (format) {
				const byParam = await call(`/users?format=${format}`, { token: READ, headers: { accept: "image/png" } });
				expect(byParam.headers.get("content-type")).toMatch(new RegExp(`^${type}`));
			}
		}
	});

	it("406 for an Accept it cannot give", async () => {
		const r = await json("/users", { token: READ, headers: { accept: "image/png, application/xml" } });
		expect(r.status).toBe(406);
		expect(r.body.status).toBe(406);
		expect((await call("/users/export", { token: READ, headers: { accept: "application/json" } })).status).toBe(406);
	});

	it("NDJSON: one JSON row per line", async () => {
		const text = await (await call("/users?format=ndjson", { token: READ })).text();
		const lines = text
			.trimEnd()
			.split("\n")
			.map((l) => JSON.parse(l));
		expect(lines).toEqual(await table());
	});

	it("CSV is RFC 4180 and safe to open in a spreadsheet", async () => {
		const text = await (await call("/users?format=csv", { token: READ })).text();
		expect(text.startsWith("user_id,user_data,time_stamp\r\n")).toBe(true);
		const records: string[][] = parse(text, { relax_quotes: false });
		const byId = new Map(records.slice(1).map((r) => [r[0], r[1]]));
		expect(byId.get("comma")).toBe("a, b");
		expect(byId.get("quote")).toBe('she said "hi"');
		expect(byId.get("crlf")).toBe("line1\r\nline2\nline3");
		// No cell starts with a character a spreadsheet would run as a formula.
		for (const record of records) for (const cell of record) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
		expect(byId.get("'=formula")).toBe('\'=HYPERLINK("http://x")');
		expect(byId.get("plus")).toBe("'+1");
		expect(byId.get("apostrophe")).toBe("''quoted");
		expect(text).toContain('\r\nempty,"",');
		expect(text).toMatch(/\r\nnull,,\d{4}-/);
	});

	it("columns picks columns in every format", async () => {
		const r = await json("/users?columns=user_id&limit=2", { token: READ });
		expect(r.body.data).toEqual([{ user_id: "=formula" }, { user_id: "apostrophe" }]);
		const csv = await (await call("/users?columns=user_id,user_data&format=csv&limit=1", { token: READ })).text();
		expect(csv.split("\r\n")[0]).toBe("user_id,user_data");
		expect((await json("/users?columns=password", { token: READ })).status).toBe(400);
		expect((await json("/users?columns=user_id&format=text", { token: READ })).status).toBe(400);
	});
});

describe("formats in", () => {
	it("NDJSON body: same meaning and atomicity as a JSON array", async () => {
		const body = `${tricky.map((r) => JSON.stringify(r)).join("\n")}\n`;
		const r = await send(body, "application/x-ndjson", "?return=minimal");
		expect(r).toMatchObject({ status: 201, body: { count: tricky.length } });
		expect((await table()).length).toBe(tricky.length);
		const again = await send('{"user_id":"fresh"}\n{"user_id":"comma"}\n', "application/x-ndjson");
		expect(again.status).toBe(409);
		const ignored = await send(
			'{"user_id":"fresh"}\n{"user_id":"comma"}\n',
			"application/x-ndjson",
			"?on_conflict=ignore",
		);
		expect(ignored.body.count).toBe(1);
	});

	it("CSV body: header line, quoted fields, null and empty kept apart", async () => {
		const csv = 'user_id,user_data\r\na,"x, y"\r\nb,"multi\nline"\r\nc,\r\nd,""\r\ne,\'=1+1\r\n';
		const r = await send(csv, "text/csv");
		expect(r.status).toBe(201);
		expect((await table()).map((x) => [x.user_id, x.user_data])).toEqual([
			["a", "x, y"],
			["b", "multi\nline"],
			["c", null],
			["d", ""],
			["e", "=1+1"],
		]);
	});

	it("a malformed line is a 400 naming it, and nothing is written", async () => {
		const bad = [
			['{"user_id":"a"}\n{"user_id":"b"}\n{"user_id":\n', "application/x-ndjson", 3],
			['{"user_id":"a"}\n\nnot json\n', "application/x-ndjson", 3],
			['user_id,user_data\na,1\nb,"unterminated\n', "text/csv", 3],
			["user_id,user_data\na,1\nb,2,3\n", "text/csv", 3],
		] as const;
		for (const [body, type, line] of bad) {
			const r = await send(body, type);
			expect(r.status, body).toBe(400);
			expect(r.body.line, body).toBe(line);
			expect(r.body.detail).toMatch(new RegExp(`line ${line}`, "i"));
		}
		expect(await table()).toEqual([]);
	});

	it("invalid rows in CSV or NDJSON are 422, like JSON", async () => {
		expect((await send("user_id,user_data,time_stamp\na,b,2026-01-01T00:00:00.000Z\n", "text/csv")).status).toBe(422);
		expect((await send("user_id,extra\na,b\n", "text/csv")).status).toBe(422);
		expect((await send(`{"user_id":"${"x".repeat(33)}"}\n`, "application/x-ndjson")).status).toBe(422);
		expect((await send("user_id\n", "text/csv")).status).toBe(422);
		expect(await table()).toEqual([]);
	});
});

describe("round trip", () => {
	for (const format of ["ndjson", "csv"] as const) {
		it(`${format}: export, delete everything, import the export, export again: identical bytes`, async () => {
			await json("/users", { method: "POST", body: tricky });
			const path = `/users/export?format=${format}&columns=user_id,user_data`;
			const first = await (await call(path, { token: READ })).text();
			expect((await json("/users?all=true", { method: "DELETE" })).body.count).toBe(tricky.length);
			const type = format === "csv" ? "text/csv" : "application/x-ndjson";
			expect((await send(first, type, "?return=minimal")).body).toEqual({ count: tricky.length });
			const second = await (await call(path, { token: READ })).text();
			expect(second).toBe(first);
			expect((await table()).map((r) => [r.user_id, r.user_data])).toEqual(
				[...tricky].sort((a, b) => (a.user_id < b.user_id ? -1 : 1)).map((r) => [r.user_id, r.user_data]),
			);
		});
	}
});

describe("CSV quoting over the corpus", () => {
	const corpusRows = CSV_CORPUS.map(({ user_id, user_data }) => ({ user_id, user_data }));
	const byId = new Map(CSV_CORPUS.map((c) => [c.user_id, c]));

	beforeEach(async () => {
		expect((await json("/users?return=minimal", { method: "POST", body: corpusRows })).status).toBe(201);
	});

	for (const path of ["/users?format=csv&limit=1000", "/users/export?format=csv"]) {
		it(`${path.split("?")[0]}: every field holding , " CR or LF is quoted, byte for byte`, async () => {
			const text = await (await call(path, { token: READ })).text();
			const expected = (await table()).map((row) => `${byId.get(row.user_id)!.csv},${row.time_stamp}\r\n`);
			expect(text).toBe(`user_id,user_data,time_stamp\r\n${expected.join("")}`);
		});
	}

	it("a reader that ends a record at a bare CR or LF, as Python's csv does, reads every value", async () => {
		const text = await (await call("/users/export?format=csv&columns=user_id,user_data", { token: READ })).text();
		const records: string[][] = parse(text, { record_delimiter: ["\r\n", "\n", "\r"] });
		const guard = (value: string) => (/^[=+\-@\t\r']/.test(value) ? `'${value}` : value);
		expect(records).toEqual([
			["user_id", "user_data"],
			...(await table()).map((row) => [guard(row.user_id), guard(row.user_data ?? "")]),
		]);
	});

	it("round trip: export, delete everything, import the export: the same table, the same bytes", async () => {
		const path = "/users/export?format=csv&columns=user_id,user_data";
		const before = await table();
		const first = await (await call(path, { token: READ })).text();
		expect((await json("/users?all=true", { method: "DELETE" })).body.count).toBe(CSV_CORPUS.length);
		expect((await send(first, "text/csv", "?return=minimal")).body).toEqual({ count: CSV_CORPUS.length });
		expect((await table()).map((r) => [r.user_id, r.user_data])).toEqual(before.map((r) => [r.user_id, r.user_data]));
		expect(await (await call(path, { token: READ })).text()).toBe(first);
	});
});
