// Fuzz: generated JSON of any shape sent to every write route: never a 5xx; a refusal writes nothing.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { call, json, table } from "./client";

const ROUTES = [
	["POST", "/users"],
	["POST", "/users?on_conflict=update"],
	["PUT", "/users/Brad"],
	["PATCH", "/users/Brad"],
	["PATCH", "/users"],
	["PATCH", "/users?all=true"],
	["POST", "/transactions"],
] as const;

const KEYS = [
	"user_id",
	"user_data",
	"time_stamp",
	"op",
	"rows",
	"user_ids",
	"operations",
	"where",
	"set",
	"all",
	"missing",
	"exists",
	"dry_run",
	"limit",
	"order",
	"q",
	"user_id_prefix",
];
const OPS = ["insert", "upsert", "update", "update_where", "delete", "delete_where", "select", "expect", "drop"];

/** JSON near the API's own shapes (known keys and ops, wrong types) as well as arbitrary JSON. */
const nearValid: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
	value: fc.oneof(
		{ depthSize: "small" },
		fc.constantFrom(...OPS, "Brad", "", "x".repeat(33), "\u0000", null, true, 0, -1, 1e308, "2026-01-01T00:00:00.000Z"),
		fc.string(),
		fc.integer(),
		fc.array(tie("value"), { maxLength: 4 }),
		fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 4 }),
	),
})).value;

const body = fc.oneof(
	fc.jsonValue(),
	nearValid,
	fc.string().map((s) => ({ raw: s })),
);

describe("fuzz", () => {
	beforeAll(async () => {
		await json("/users", { method: "POST", body: [{ user_id: "Brad", user_data: "keep" }, { user_id: "Jane" }] });
	});

	it("no 5xx for any JSON on any write route, and a 4xx changes nothing", async () => {
		let refused = 0;
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...ROUTES), body, async ([method, path], value) => {
				const before = await table();
				const raw = value && typeof value === "object" && "raw" in value ? String(value.raw) : JSON.stringify(value);
				const res = await call(path, { method, body: raw, headers: { "content-type": "application/json" } });
				expect(res.status, `${method} ${path} ${raw}`).toBeLessThan(500);
				if (res.status >= 400) {
					refused++;
					expect(res.headers.get("content-type")).toBe("application/problem+json");
					expect(await table(), `${method} ${path} ${raw}`).toEqual(before);
				}
			}),
			{ numRuns: 500 },
		);
		expect(refused).toBeGreaterThan(400);
	});
});
