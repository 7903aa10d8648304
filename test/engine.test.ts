// The pure statement builders: every statement they make stays inside production D1's limits.
import { describe, expect, it } from "vitest";
import { jsonChunks, MAX_VALUE_BYTES, utf8Length } from "../src/engine/chunks";
import { EngineError, type Failure } from "../src/engine/failures";
import { prefixUpperBound } from "../src/engine/filters";
import { MAX_PAGE, MIN_PAGE, pageSize } from "../src/engine/pages";
import { check, MAX_STATEMENTS, plan } from "../src/engine/run";
import { buildStatements, type Statement } from "../src/engine/statements";

/** The engine's typed failure of `f`, which must fail. */
function failureOf(f: () => unknown): Failure {
	try {
		f();
	} catch (error) {
		if (error instanceof EngineError) return error.failure;
		throw error;
	}
	throw new Error("expected a failure");
}

const encoder = new TextEncoder();
const bytes = (s: string) => encoder.encode(s).length;

/** Production D1: ≤100 bound parameters, ≤100 KB of SQL, each bound value ≤1 MB (we keep to 1,000,000 bytes). */
function expectWithinD1Limits(statements: Statement[]) {
	for (const s of statements) {
		expect(s.params.length).toBeLessThanOrEqual(100);
		expect(bytes(s.sql)).toBeLessThanOrEqual(100_000);
		for (const p of s.params) if (typeof p === "string") expect(bytes(p)).toBeLessThanOrEqual(MAX_VALUE_BYTES);
	}
}

describe("utf8Length", () => {
	it("agrees with TextEncoder on every width of character", () => {
		for (const s of ["", "abc", "é", "€", "🎉", "a🎉é€\u0000\u007f\u0080\u07ff\u0800\uffff", "x".repeat(1000)]) {
			expect(utf8Length(s)).toBe(bytes(s));
		}
	});
});

describe("jsonChunks", () => {
	it("keeps every value, in order, each chunk valid JSON within the byte limit", () => {
		const values = Array.from({ length: 5000 }, (_, i) => [`id-${i}`, "é🎉".repeat(i % 50)]);
		const chunks = jsonChunks(values, 10_000).map((c) => c.json);
		expect(chunks.length).toBeGreaterThan(10);
		for (const chunk of chunks) expect(bytes(chunk)).toBeLessThanOrEqual(10_000);
		expect(chunks.flatMap((c) => JSON.parse(c))).toEqual(values);
	});

	it("fills a chunk exactly to the limit, and starts a new one a byte past it", () => {
		// Each value "aaaa" is 6 bytes as JSON; n values take 2 + 6n + (n - 1) bytes.
		const values = Array(10).fill("aaaa");
		const exact = 2 + 6 * 10 + 9;
		expect(jsonChunks(values, exact)).toHaveLength(1);
		expect(jsonChunks(values, exact - 1)).toHaveLength(2);
		expect(bytes(jsonChunks(values, exact)[0].json)).toBe(exact);
	});

	it("measures bytes, not characters", () => {
		const values = Array(4).fill("€€"); // 8 bytes each as JSON, 4 characters
		expect(jsonChunks(values, 2 + 8 * 4 + 3)).toHaveLength(1);
		expect(jsonChunks(values, 2 + 8 * 4 + 2)).toHaveLength(2);
	});
});

describe("buildStatements", () => {
	const maxRows = (n: number, data: string) =>
		Array.from({ length: n }, (_, i) => ({ user_id: `user-${i}`.padEnd(32, "x"), user_data: data }));

	it("keeps a 100,000-row insert of the largest rows a 32 MiB body can carry within the limits", () => {
		// 100,000 rows of ~300 bytes: about what a 32 MiB JSON body can hold.
		const rows = maxRows(100_000, "d".repeat(290));
		for (const conflict of ["error", "ignore", "update"] as const) {
			const statements = buildStatements({ op: "insert", rows }, 0, { conflict });
			expectWithinD1Limits(statements);
			expect(statements.length).toBeLessThanOrEqual(MAX_STATEMENTS);
		}
	});

	it("chunks by bytes: multi-byte user_data makes more chunks, never a larger one", () => {
		const ascii = buildStatements({ op: "update", rows: maxRows(3000, "a".repeat(640)), missing: "error" }, 0);
		const wide = buildStatements({ op: "update", rows: maxRows(3000, "🎉".repeat(640)), missing: "error" }, 0);
		expectWithinD1Limits(ascii);
		expectWithinD1Limits(wide);
		expect(wide.length).toBeGreaterThan(ascii.length);
	});

	it("checks an update after each chunk when that fits the budget, and its ids up front when only that fits", () => {
		const update = (rows: { user_id: string; user_data: string }[]) => ({
			operation: { op: "update" as const, rows, missing: "error" as const },
		});
		const small = plan([update(maxRows(10_000, "a"))]);
		expect(small.length).toBeGreaterThan(1);
		small.forEach((s, i) => {
			expect(s.role).toBe(i % 2 === 0 ? "write" : "guard");
			if (s.role === "guard") expect(s.sql).toContain("changes()");
		});
		// 12,000 rows of 640 four-byte characters: 32 chunks, so 64 statements checked after each.
		const wide = plan([update(maxRows(12_000, "🎉".repeat(640)))]);
		expectWithinD1Limits(wide);
		expect(wide.length).toBeLessThanOrEqual(MAX_STATEMENTS);
		const roles = wide.map((s) => s.role);
		const checks = roles.indexOf("write");
		expect(checks).toBeGreaterThan(0);
		expect(roles).toEqual([...Array(checks).fill("guard"), ...Array(roles.length - checks).fill("write")]);
		expect(wide[0].sql).not.toContain("changes()");
	});

	it("binds every value: a hostile user_id never reaches the SQL text", () => {
		const id = "x'); DROP TABLE userdata; --";
		const statements = [
			...buildStatements({ op: "insert", rows: [{ user_id: id, user_data: id }] }, 0),
			...buildStatements({ op: "expect", user_id: id, exists: true, user_data: id }, 1),
			...buildStatements({ op: "delete_where", where: { user_id_prefix: id, q: id, user_data: id }, all: false }, 2),
		];
		for (const s of statements) expect(s.sql).not.toContain("DROP");
	});

	it("refuses a plan over the statement budget with 413", () => {
		const operations = Array.from({ length: MAX_STATEMENTS + 1 }, (_, i) => ({
			operation: { op: "expect" as const, user_id: `u${i}`, exists: true },
		}));
		expect(failureOf(() => plan(operations))).toEqual({ kind: "too-many-statements", statements: 51, limit: 50 });
		expect(plan(operations.slice(0, MAX_STATEMENTS))).toHaveLength(MAX_STATEMENTS);
	});
});

describe("pageSize", () => {
	it("fits an export in one request's queries, or refuses it with 413 before it starts", () => {
		expect(pageSize(0)).toBe(MIN_PAGE);
		expect(pageSize(MIN_PAGE * (MAX_STATEMENTS - 2))).toBe(MIN_PAGE);
		expect(pageSize(MIN_PAGE * (MAX_STATEMENTS - 2) + 1)).toBe(MIN_PAGE + 1);
		expect(pageSize(1_000_000)).toBe(Math.ceil(1_000_000 / (MAX_STATEMENTS - 2)));
		expect(pageSize(MAX_PAGE * (MAX_STATEMENTS - 2))).toBe(MAX_PAGE);
		expect(failureOf(() => pageSize(MAX_PAGE * (MAX_STATEMENTS - 2) + 1))).toMatchObject({ kind: "export-too-large" });
	});
});

describe("prefixUpperBound", () => {
	it("is the next string after every id with the prefix", () => {
		expect(prefixUpperBound("br")).toBe("bs");
		expect(prefixUpperBound("a\u{10ffff}")).toBe("b");
		expect(prefixUpperBound("\u{d7ff}")).toBe("\u{e000}");
		expect(prefixUpperBound("\u{10ffff}")).toBeUndefined();
	});
});

describe("the planner's rules, whichever door the operations came in by", () => {
	const staged = (count: number) => ({ staged: { session_id: "s", seq: 0, count } });
	it("refuses an id twice in one operation, naming the operation when numbered", () => {
		const twice = [{ operation: { op: "delete" as const, user_ids: ["a", "b", "a"], missing: "error" as const } }];
		expect(failureOf(() => check(twice))).toEqual({ kind: "duplicate-ids", user_ids: ["a"], count: 1 });
		expect(failureOf(() => check(twice, { numbered: true }))).toMatchObject({ operation: 0 });
	});
	it("refuses a mass write with no filter unless it says all", () => {
		const unfiltered = { op: "delete_where" as const, where: {}, all: false };
		expect(failureOf(() => plan([{ operation: unfiltered }]))).toEqual({ kind: "unfiltered-mass-write" });
		expect(plan([{ operation: { ...unfiltered, all: true } }])).toHaveLength(1);
	});
	it("counts rows from either source against the door's limit", () => {
		const operations = [
			{ operation: { op: "insert" as const, rows: staged(600_000) } },
			{ operation: { op: "delete" as const, user_ids: staged(500_000), missing: "error" as const } },
		];
		expect(failureOf(() => check(operations))).toEqual({ kind: "too-many-rows", rows: 1_100_000, limit: 100_000 });
		expect(failureOf(() => check(operations, { maxRows: 1_000_000 }))).toMatchObject({ rows: 1_100_000 });
		expect(() => check(operations, { maxRows: 2_000_000 })).not.toThrow();
	});
	it("plans a staged operation of any size in a fixed number of statements, within D1's limits", () => {
		for (const count of [1, 100_000, 1_000_000]) {
			const statements = plan([{ operation: { op: "update", rows: staged(count), missing: "error" } }], {
				maxRows: count,
			});
			expect(statements).toHaveLength(2);
			expectWithinD1Limits(statements);
		}
	});
	it("keeps the statements the caller adds within the budget", () => {
		const operations = Array.from({ length: 45 }, (_, i) => ({
			operation: { op: "expect" as const, user_id: `u${i}`, exists: true },
		}));
		expect(plan(operations, { reserve: 5 })).toHaveLength(45);
		expect(failureOf(() => plan(operations, { reserve: 6 }))).toEqual({
			kind: "too-many-statements",
			statements: 51,
			limit: 50,
		});
		expect(plan(operations, { reserve: 6, limit: 100 })).toHaveLength(45);
	});
});
