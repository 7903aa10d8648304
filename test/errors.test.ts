// Bad input: every malformed request is a problem+json 4xx that changes nothing, never a 5xx.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, json, READ, table } from "./client";

const long = (n: number, ch = "x") => ch.repeat(n);
const ids = (n: number) => Array.from({ length: n }, (_, i) => `id${i}`);

/** A body of text and raw bytes, to send encodings a string cannot hold. */
function bytes(...parts: (string | number)[]): Uint8Array {
	const encoder = new TextEncoder();
	return Uint8Array.from(parts.flatMap((p) => (typeof p === "number" ? [p] : [...encoder.encode(p)])));
}

function utf16(text: string): Uint8Array {
	const out = new Uint8Array(2 + text.length * 2);
	out.set([0xff, 0xfe]);
	for (let i = 0; i < text.length; i++) out.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], 2 + i * 2);
	return out;
}

type Case = [
	name: string,
	method: string,
	path: string,
	body: unknown,
	status: number,
	headers?: Record<string, string>,
];

const cases: Case[] = [
	["malformed JSON", "POST", "/users", "{not json", 400],
	["truncated JSON", "POST", "/users", '[{"user_id":"a"}', 400],
	["empty body", "POST", "/users", "", 400],
	["form content type", "POST", "/users", "user_id=a", 415, { "content-type": "application/x-www-form-urlencoded" }],
	["text content type", "POST", "/users", '{"user_id":"a"}', 415, { "content-type": "text/plain" }],
	["body is a number", "POST", "/users", 42, 422],
	["body is null", "POST", "/users", null, 422],
	["empty array", "POST", "/users", [], 422],
	["user_id missing", "POST", "/users", { user_data: "x" }, 422],
	["user_id empty", "POST", "/users", { user_id: "" }, 422],
	["user_id 33 characters", "POST", "/users", { user_id: long(33) }, 422],
	["user_id 33 emoji", "POST", "/users", { user_id: long(33, "🎉") }, 422],
	["user_id a number", "POST", "/users", { user_id: 7 }, 422],
	["user_id with newline", "POST", "/users", { user_id: "a\nb" }, 422],
	["user_id with NUL", "POST", "/users", { user_id: "a\u0000b" }, 422],
	["user_id with DEL", "POST", "/users", { user_id: "a\u007fb" }, 422],
	["user_id lone surrogate", "POST", "/users", '{"user_id":"a\\ud800"}', 422],
	["user_data 641 characters", "POST", "/users", { user_id: "a", user_data: long(641) }, 422],
	["user_data an object", "POST", "/users", { user_id: "a", user_data: { x: 1 } }, 422],
	["client time_stamp", "POST", "/users", { user_id: "a", time_stamp: "2026-01-01T00:00:00.000Z" }, 422],
	["unknown field", "POST", "/users", { user_id: "a", admin: true }, 422],
	["unknown field in array", "POST", "/users", [{ user_id: "a" }, { user_id: "b", extra: 1 }], 422],
	["SQL-looking id, too long", "POST", "/users", { user_id: "'; DROP TABLE userdata; ---------" }, 422],
	["bad on_conflict", "POST", "/users?on_conflict=replace", [{ user_id: "a" }], 400],
	["bad return", "POST", "/users?return=all", [{ user_id: "a" }], 400],
	["unknown query parameter", "POST", "/users?foo=1", [{ user_id: "a" }], 400],
	["PUT id too long", "PUT", `/users/${long(33)}`, { user_data: "x" }, 422],
	["PUT time_stamp", "PUT", "/users/a", { user_data: "x", time_stamp: "now" }, 422],
	["PUT no user_data", "PUT", "/users/a", {}, 422],
	["PATCH one, no body", "PATCH", "/users/a", "", 400],
	["PATCH array with time_stamp", "PATCH", "/users", [{ user_id: "a", user_data: "x", time_stamp: "t" }], 422],
	["PATCH array without user_data", "PATCH", "/users", [{ user_id: "a" }], 422],
	[
		"PATCH array duplicate ids",
		"PATCH",
		"/users",
		[
			{ user_id: "a", user_data: "1" },
			{ user_id: "a", user_data: "2" },
		],
		409,
	],
	["PATCH array with filters", "PATCH", "/users?user_id=a", [{ user_id: "a", user_data: "1" }], 400],
	["PATCH mass without all", "PATCH", "/users", { user_data: "x" }, 422],
	["PATCH mass all=maybe", "PATCH", "/users?all=maybe", { user_data: "x" }, 400],
	["DELETE mass without filter", "DELETE", "/users", undefined, 422],
	["DELETE with typo filter", "DELETE", "/users?userid=a", undefined, 400],
	["DELETE bad updated_after", "DELETE", "/users?updated_after=yesterday", undefined, 400],
	["GET limit 0", "GET", "/users?limit=0", undefined, 400],
	["GET limit 1001", "GET", "/users?limit=1001", undefined, 400],
	["GET limit text", "GET", "/users?limit=ten", undefined, 400],
	["GET bad order", "GET", "/users?order=user_data", undefined, 400],
	["GET forged cursor", "GET", "/users?cursor=not-a-cursor", undefined, 400],
	[
		"GET cursor of another order",
		"GET",
		`/users?order=-user_id&cursor=${btoa('{"o":"user_id","u":"a","t":"b"}')}`,
		undefined,
		400,
	],
	["GET repeated limit", "GET", "/users?limit=1&limit=2", undefined, 400],
	["GET bad format", "GET", "/users?format=xml", undefined, 400],
	["transaction not an object", "POST", "/transactions", [1, 2], 422],
	["transaction without operations", "POST", "/transactions", {}, 422],
	["transaction unknown op", "POST", "/transactions", { operations: [{ op: "drop" }] }, 422],
	["transaction op without rows", "POST", "/transactions", { operations: [{ op: "insert" }] }, 422],
	["transaction duplicate ids", "POST", "/transactions", { operations: [{ op: "delete", user_ids: ["a", "a"] }] }, 409],
	[
		"transaction where unknown filter",
		"POST",
		"/transactions",
		{ operations: [{ op: "delete_where", where: { name: "a" } }] },
		422,
	],
	["transaction dry_run not boolean", "POST", "/transactions", { operations: [{ op: "select" }], dry_run: "yes" }, 422],
	["transaction 1,001 operations", "POST", "/transactions", { operations: Array(1001).fill({ op: "select" }) }, 413],
	["unknown route", "GET", "/nothing-here", undefined, 404],

	// Broken encodings
	["invalid UTF-8 byte", "POST", "/users", bytes('[{"user_id":"a', 0xff, '"}]'), 400],
	["overlong UTF-8", "POST", "/users", bytes('[{"user_id":"a', 0xc0, 0xaf, '"}]'), 400],
	["truncated UTF-8 sequence", "POST", "/users", bytes('[{"user_id":"a', 0xe2, 0x82, '"}]'), 400],
	["UTF-16 body", "POST", "/users", utf16('[{"user_id":"a"}]'), 400],
	[
		"invalid UTF-8 in NDJSON",
		"POST",
		"/users",
		bytes('{"user_id":"', 0xfe, '"}\n'),
		400,
		{ "content-type": "application/x-ndjson" },
	],
	["invalid UTF-8 in CSV", "POST", "/users", bytes("user_id\n", 0xfe, "\n"), 400, { "content-type": "text/csv" }],
	["lone surrogate in user_data", "POST", "/users", '{"user_id":"a2","user_data":"\\udc00"}', 422],

	// Content types
	["JSON Patch type", "PATCH", "/users/a", '{"user_data":"x"}', 415, { "content-type": "application/json-patch+json" }],
	["multipart", "POST", "/users", "--x\r\n", 415, { "content-type": "multipart/form-data; boundary=x" }],
	["XML", "POST", "/users", "<user/>", 415, { "content-type": "application/xml" }],
	[
		"NDJSON on PATCH /users",
		"PATCH",
		"/users",
		'{"user_id":"a","user_data":"x"}\n',
		415,
		{ "content-type": "application/x-ndjson" },
	],
	["CSV on /transactions", "POST", "/transactions", "op\nselect\n", 415, { "content-type": "text/csv" }],
	["CSV without a user_id column", "POST", "/users", "name\nx\n", 422, { "content-type": "text/csv" }],
	["NDJSON line not an object", "POST", "/users", '"just a string"\n', 422, { "content-type": "application/x-ndjson" }],

	// Ids in paths
	["dot-dot path", "DELETE", "/users/%2E%2E", undefined, 404],
	["NUL in path id", "PUT", "/users/a%00b", { user_data: "x" }, 422],
	["newline in path id", "PUT", "/users/a%0Ab", { user_data: "x" }, 422],
	["33 emoji in path id", "PATCH", `/users/${encodeURIComponent("🎉".repeat(33))}`, { user_data: "x" }, 422],
	["encoded slash, unknown id", "DELETE", "/users/a%2Fb", undefined, 404],
	["broken percent-encoding", "GET", "/users/%ZZ", undefined, 404],
	["half a UTF-8 sequence", "DELETE", "/users/%F0%9F", undefined, 404],
	["query on a single row", "GET", "/users/a?format=csv", undefined, 400],

	// Filters and pages
	["empty user_id filter", "GET", "/users?user_id=", undefined, 400],
	["33-character user_id filter", "DELETE", `/users?user_id=${long(33)}`, undefined, 400],
	["empty prefix", "DELETE", "/users?user_id_prefix=", undefined, 400],
	["empty q", "GET", "/users?q=", undefined, 400],
	["impossible date", "GET", "/users?updated_before=2026-13-45", undefined, 400],
	["number as date", "DELETE", "/users?updated_after=1e9", undefined, 400],
	["count=yes", "GET", "/users?count=yes", undefined, 400],
	["empty columns", "GET", "/users?columns=", undefined, 400],
	["repeated column", "GET", "/users?columns=user_id,user_id", undefined, 400],
	["empty order", "GET", "/users?order=", undefined, 400],
	["fractional limit", "GET", "/users?limit=1.5", undefined, 400],
	["exponent limit", "GET", "/users?limit=1e1", undefined, 400],
	["negative limit", "GET", "/users?limit=-1", undefined, 400],
	["empty cursor", "GET", "/users?cursor=", undefined, 400],
	["unsigned cursor", "GET", `/users?cursor=${btoa('{"o":"user_id","u":"a","t":""}')}`, undefined, 400],
	["all=TRUE", "DELETE", "/users?all=TRUE", undefined, 400],
	["extra parameter on a mass delete", "DELETE", "/users?all=true&force=1", undefined, 400],
	["SQL in a parameter name", "DELETE", "/users?user_id%3BDROP%20TABLE%20userdata=1", undefined, 400],
	["SQL in order", "GET", "/users?order=user_id%3B%20DROP%20TABLE%20userdata", undefined, 400],
	["export as JSON", "GET", "/users/export?format=json", undefined, 400],

	// Oversized and empty values
	["user_data of 100 KB", "POST", "/users", { user_id: "big", user_data: long(100_000) }, 422],
	["user_id of 10,000 characters", "POST", "/users", { user_id: long(10_000) }, 422],
	["empty object on PUT", "PUT", "/users/a", {}, 422],
	["empty object on PATCH one", "PATCH", "/users/a", {}, 422],
	["empty array on PATCH", "PATCH", "/users", [], 422],

	// Transactions of every malformed shape
	["operations an object", "POST", "/transactions", { operations: {} }, 422],
	["operation null", "POST", "/transactions", { operations: [null] }, 422],
	["operation without op", "POST", "/transactions", { operations: [{ rows: [] }] }, 422],
	["rows not an array", "POST", "/transactions", { operations: [{ op: "insert", rows: "Brad" }] }, 422],
	["user_ids of numbers", "POST", "/transactions", { operations: [{ op: "delete", user_ids: [1, 2] }] }, 422],
	[
		"update_where without set",
		"POST",
		"/transactions",
		{ operations: [{ op: "update_where", where: { user_id: ["a"] } }] },
		422,
	],
	[
		"set with an extra key",
		"POST",
		"/transactions",
		{ operations: [{ op: "update_where", all: true, set: { user_data: "x", user_id: "y" } }] },
		422,
	],
	[
		"a bad row after plain ones",
		"POST",
		"/transactions",
		{ operations: [{ op: "insert", rows: [{ user_id: "p1" }, { user_id: "p2" }, { user_id: "" }] }] },
		422,
	],
	[
		"an update row without user_data after plain ones",
		"POST",
		"/sessions/{S}/operations",
		{ operations: [{ op: "update", rows: [{ user_id: "a", user_data: "x" }, { user_id: "b" }] }] },
		422,
	],
	[
		"plain rows, a bad field of the operation",
		"POST",
		"/transactions",
		{
			operations: [
				{
					op: "update",
					rows: [
						{ user_id: "a", user_data: "x" },
						{ user_id: "b", user_data: "y" },
					],
					missing: "no",
				},
			],
		},
		422,
	],
	["select limit 1001", "POST", "/transactions", { operations: [{ op: "select", limit: 1001 }] }, 422],
	["select bad order", "POST", "/transactions", { operations: [{ op: "select", order: "user_data" }] }, 422],
	["expect without user_id", "POST", "/transactions", { operations: [{ op: "expect", exists: true }] }, 422],
	["unknown top-level key", "POST", "/transactions", { operations: [{ op: "select" }], commit: true }, 422],
	["where with empty q", "POST", "/transactions", { operations: [{ op: "select", where: { q: "" } }] }, 422],
	[
		"where with a bad date",
		"POST",
		"/transactions",
		{ operations: [{ op: "delete_where", where: { updated_after: "soon" } }] },
		422,
	],
	[
		"missing: maybe",
		"POST",
		"/transactions",
		{ operations: [{ op: "delete", user_ids: ["a"], missing: "maybe" }] },
		422,
	],
	['all: "true" as a string', "POST", "/transactions", { operations: [{ op: "delete_where", all: "true" }] }, 422],
	[
		"a user_id filter over 1 MB",
		"POST",
		"/transactions",
		{ operations: [{ op: "select", where: { user_id: ids(40_000).map((id) => id.padEnd(32, "x")) } }] },
		413,
	],
	[
		"100,001 rows across operations",
		"POST",
		"/transactions",
		{
			operations: [
				{ op: "delete", user_ids: ids(60_000) },
				{ op: "delete", user_ids: ids(40_001) },
			],
		},
		413,
	],
	[
		"a later operation invalid, an earlier valid write",
		"POST",
		"/transactions",
		{
			operations: [
				{ op: "delete_where", all: true },
				{ op: "insert", rows: [{ user_id: "" }] },
			],
		},
		422,
	],
	[
		"a later operation failing, an earlier valid write",
		"POST",
		"/transactions",
		{
			operations: [
				{ op: "delete_where", all: true },
				{ op: "expect", user_id: "a", exists: true },
			],
		},
		409,
	],

	// Sessions: {S} is an open session of this file's, which must stay as it is (nothing staged).
	["open: ttl_s too short", "POST", "/sessions", { ttl_s: 59 }, 422],
	["open: ttl_s as a string", "POST", "/sessions", { ttl_s: "600" }, 422],
	["open: unknown field", "POST", "/sessions", { ttl: 600 }, 422],
	["open: an array", "POST", "/sessions", [], 422],
	["open: CSV", "POST", "/sessions", "ttl_s\n60\n", 415, { "content-type": "text/csv" }],
	["stage into no session", "POST", "/sessions/nonesuch/operations", { operations: [{ op: "select" }] }, 404],
	["stage with dry_run", "POST", "/sessions/{S}/operations", { operations: [{ op: "select" }], dry_run: true }, 422],
	["stage nothing", "POST", "/sessions/{S}/operations", { operations: [] }, 422],
	[
		"stage duplicate ids",
		"POST",
		"/sessions/{S}/operations",
		{ operations: [{ op: "delete", user_ids: ["a", "a"] }] },
		409,
	],
	["stage an unfiltered delete", "POST", "/sessions/{S}/operations", { operations: [{ op: "delete_where" }] }, 422],
	[
		"stage 1,001 operations",
		"POST",
		"/sessions/{S}/operations",
		{ operations: Array(1001).fill({ op: "select" }) },
		413,
	],
	["stage as CSV", "POST", "/sessions/{S}/operations", "op\nselect\n", 415, { "content-type": "text/csv" }],
	["stage with a query", "POST", "/sessions/{S}/operations?all=true", { operations: [{ op: "select" }] }, 400],
	["view of no session", "GET", "/sessions/nonesuch/users", undefined, 404],
	["view with limit 0", "GET", "/sessions/{S}/users?limit=0", undefined, 400],
	["commit dry_run=yes", "POST", "/sessions/{S}/commit?dry_run=yes", undefined, 400],
	["commit no session", "POST", "/sessions/nonesuch/commit", undefined, 404],
	["roll back no session", "DELETE", "/sessions/nonesuch", undefined, 404],
	["session id of 65 characters", "GET", `/sessions/${long(65)}`, undefined, 422],
];

describe("bad input", () => {
	let before: Awaited<ReturnType<typeof table>>;
	let session: string;
	beforeAll(async () => {
		await json("/users", { method: "POST", body: [{ user_id: "a", user_data: "keep" }, { user_id: "b" }] });
		before = await table();
		session = (await json("/sessions", { method: "POST" })).body.session_id;
	});

	afterAll(async () => {
		expect((await json(`/sessions/${session}`)).body).toMatchObject({ state: "open", operations: 0, rows: 0 });
	});

	it("holds at least 80 hostile or malformed requests", () => {
		expect(cases.length).toBeGreaterThanOrEqual(80);
	});

	it.each(cases)("%s → %i… problem+json, nothing changed", async (_name, method, path, body, status, headers = {}) => {
		const res = await call(path.replace("{S}", session), {
			method,
			body,
			headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
		});
		expect(res.status).toBe(status);
		expect(res.headers.get("content-type")).toBe("application/problem+json");
		const problem = await res.json<any>();
		expect(problem.status).toBe(status);
		expect(typeof problem.title).toBe("string");
		expect(typeof problem.detail).toBe("string");
		expect(await table()).toEqual(before);
	});

	it("a 413 for a body over 32 MiB, without reading it all", async () => {
		const body = `[${'{"user_id":"x"},'.repeat(2_200_000)}{"user_id":"y"}]`;
		const r = await json("/users", { method: "POST", body });
		expect(r.status).toBe(413);
		expect(await table()).toEqual(before);
	});

	it("validation problems list every error with its path", async () => {
		const r = await json("/users", {
			method: "POST",
			body: [{ user_id: "" }, { user_id: "ok", user_data: 5, time_stamp: "x" }],
		});
		expect(r.status).toBe(422);
		expect(r.body.errors.map((e: any) => e.path).sort()).toEqual(["0.user_id", "1.time_stamp", "1.user_data"]);
		expect(r.body.errors.find((e: any) => e.path === "1.time_stamp").message).toMatch(/set by the database/);
	});

	it("every answer carries X-Request-Id and Server-Timing", async () => {
		for (const res of [await call("/users", { token: READ }), await call("/users/ghost"), await call("/nothing")]) {
			expect(res.headers.get("x-request-id")).toBeTruthy();
			expect(res.headers.get("server-timing")).toBeTruthy();
		}
		// Exactly one db entry, also when the request made no query (401) or its batch failed (409).
		for (const res of [
			await call("/users", { token: READ }),
			await call("/users", { token: null }),
			await call("/users", { method: "POST", body: { user_id: "a" } }),
		]) {
			expect(res.headers.get("server-timing")?.match(/(^|,)db;dur=/g)).toHaveLength(1);
		}
	});
});
