// Bad input: every malformed request is a problem+json 4xx that changes nothing, never a 5xx.
import { beforeAll, describe, expect, it } from "vitest";
import { call, json, READ, table } from "./client";

const long = (n: number, ch = "x") => ch.repeat(n);

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
];

describe("bad input", () => {
	let before: Awaited<ReturnType<typeof table>>;
	beforeAll(async () => {
		await json("/users", { method: "POST", body: [{ user_id: "a", user_data: "keep" }, { user_id: "b" }] });
		before = await table();
	});

	it.each(cases)("%s → %i… problem+json, nothing changed", async (_name, method, path, body, status, headers = {}) => {
		const res = await call(path, {
			method,
			body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
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
		expect((await call("/users", { token: READ })).headers.get("server-timing")).toMatch(/db;dur=/);
	});
});
