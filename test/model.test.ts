// Model-based test: random sequences of requests against the service and a tiny in-memory model.

import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { call, clearTable, json, table } from "./client";

/**
 * The model: user_id → user_data, and the version of each row (from one counter, bumped by
 * every write of a row), which tells whether an ETag a client holds is still current.
 */
class Model {
	rows = new Map<string, { data: string | null; version: number }>();
	clock = 0;

	has = (user_id: string) => this.rows.has(user_id);
	set(user_id: string, data: string | null) {
		this.rows.set(user_id, { data, version: ++this.clock });
	}
	delete = (user_id: string) => this.rows.delete(user_id);
	version = (user_id: string) => this.rows.get(user_id)?.version;
	copy(): Model {
		const model = new Model();
		model.rows = new Map(this.rows);
		model.clock = this.clock;
		return model;
	}
	/** Every row in user_id order (binary, as SQLite compares). */
	entries(): [string, string | null][] {
		return [...this.rows.entries()]
			.map(([u, r]) => [u, r.data] as [string, string | null])
			.sort(([a], [b]) => binary(a, b));
	}
}

const encoder = new TextEncoder();
/** SQLite's BINARY collation: compare the UTF-8 bytes. */
function binary(a: string, b: string): number {
	const [x, y] = [encoder.encode(a), encoder.encode(b)];
	for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
	return x.length - y.length;
}

const IDS = ["Brad", "Larry", "Jane", "a/b", "É", "Brad2"] as const;
const DATA = ["x", "y", null, "Mass update", "é 🎉"] as const;

const id = fc.constantFrom(...IDS);
const data = fc.constantFrom(...DATA);
const row = fc.record({ user_id: id, user_data: data });
const rows = fc.array(row, { minLength: 1, maxLength: 4 });
const ids = fc.array(id, { minLength: 1, maxLength: 4 });
const where = fc.oneof(
	fc.record({ user_id: ids }),
	fc.record({ user_id_prefix: fc.constantFrom("B", "Br", "a", "Z") }),
	fc.record({ user_data: fc.constantFrom("x", "Mass update") }),
	fc.record({ q: fc.constantFrom("MASS", "é", "x") }),
);

const operation = fc.oneof(
	fc.record({ op: fc.constant("insert" as const), rows }),
	fc.record({ op: fc.constant("upsert" as const), rows }),
	fc.record({
		op: fc.constant("update" as const),
		rows,
		missing: fc.constantFrom("error" as const, "ignore" as const),
	}),
	fc.record({
		op: fc.constant("delete" as const),
		user_ids: ids,
		missing: fc.constantFrom("error" as const, "ignore" as const),
	}),
	fc.record({ op: fc.constant("update_where" as const), where, set: fc.record({ user_data: data }) }),
	fc.record({ op: fc.constant("delete_where" as const), where }),
	fc.record({ op: fc.constant("select" as const), where }),
	fc.record({ op: fc.constant("expect" as const), user_id: id, exists: fc.boolean() }),
);

const command = fc.oneof(
	fc.record({ kind: fc.constant("post-one" as const), row }),
	fc.record({
		kind: fc.constant("post-many" as const),
		rows,
		on_conflict: fc.constantFrom("error", "ignore", "update"),
	}),
	fc.record({ kind: fc.constant("put" as const), row }),
	fc.record({
		kind: fc.constant("patch-one" as const),
		row,
		if_match: fc.constantFrom(undefined, "*", "current", "held"),
	}),
	fc.record({
		kind: fc.constant("delete-one" as const),
		user_id: id,
		if_match: fc.constantFrom(undefined, "current", "held"),
	}),
	fc.record({ kind: fc.constant("patch-many" as const), rows }),
	fc.record({ kind: fc.constant("patch-where" as const), user_data: fc.constantFrom("x", "Mass update"), set: data }),
	fc.record({ kind: fc.constant("delete-prefix" as const), prefix: fc.constantFrom("B", "a", "É") }),
	fc.record({
		kind: fc.constant("transaction" as const),
		operations: fc.array(operation, { minLength: 1, maxLength: 4 }),
		dry_run: fc.boolean(),
	}),
	fc.record({ kind: fc.constant("list" as const), where }),
);
type Command = typeof command extends fc.Arbitrary<infer T> ? T : never;
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;
type Where = { user_id: string[] } | { user_id_prefix: string } | { user_data: string } | { q: string };

const duplicated = (list: string[]) => list.find((x, i) => list.indexOf(x) !== i);
const sorted = (list: string[]) => [...list].sort();

/** The rows of the model `where` selects, in user_id order (binary, as SQLite compares). */
function selectModel(model: Model, w: Where): [string, string | null][] {
	const lower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase()); // SQLite's lower(): ASCII only
	return model.entries().filter(([user_id, user_data]) => {
		if ("user_id" in w) return w.user_id.includes(user_id);
		if ("user_id_prefix" in w) return user_id.startsWith(w.user_id_prefix);
		if ("user_data" in w) return user_data === w.user_data;
		return user_data !== null && lower(user_data).includes(lower(w.q));
	});
}

type Expected = { status: number; body?: unknown; operation?: number; user_ids?: string[] };

/** Apply one transaction operation to `model`; a failure says what the service must answer. */
function applyOperation(
	model: Model,
	op: Operation,
): { count?: number; data?: [string, string | null][]; fail?: Expected } {
	switch (op.op) {
		case "insert": {
			const existing = op.rows.filter((r) => model.has(r.user_id)).map((r) => r.user_id);
			if (existing.length > 0) return { fail: { status: 409, user_ids: existing } };
			for (const r of op.rows) model.set(r.user_id, r.user_data);
			return { count: op.rows.length };
		}
		case "upsert":
			for (const r of op.rows) model.set(r.user_id, r.user_data);
			return { count: op.rows.length };
		case "update": {
			const missing = op.rows.filter((r) => !model.has(r.user_id)).map((r) => r.user_id);
			if (missing.length > 0 && op.missing === "error") return { fail: { status: 404, user_ids: missing } };
			const present = op.rows.filter((r) => model.has(r.user_id));
			for (const r of present) model.set(r.user_id, r.user_data);
			return { count: present.length };
		}
		case "delete": {
			const missing = op.user_ids.filter((u) => !model.has(u));
			if (missing.length > 0 && op.missing === "error") return { fail: { status: 404, user_ids: missing } };
			const present = op.user_ids.filter((u) => model.has(u));
			for (const u of present) model.delete(u);
			return { count: present.length };
		}
		case "update_where": {
			const selected = selectModel(model, op.where);
			for (const [u] of selected) model.set(u, op.set.user_data);
			return { count: selected.length };
		}
		case "delete_where": {
			const selected = selectModel(model, op.where);
			for (const [u] of selected) model.delete(u);
			return { count: selected.length };
		}
		case "select":
			return { data: selectModel(model, op.where) };
		case "expect":
			return model.has(op.user_id) === op.exists ? { count: 0 } : { fail: { status: 409, user_ids: [op.user_id] } };
	}
}

const idsOf = (op: Operation) => ("rows" in op ? op.rows.map((r) => r.user_id) : "user_ids" in op ? op.user_ids : []);

const path = (user_id: string) => `/users/${encodeURIComponent(user_id)}`;
const pairs = (list: { user_id: string; user_data: string | null }[]) => list.map((r) => [r.user_id, r.user_data]);

/** Send `cmd` to the service and to the model; they must answer alike. */
async function step(model: Model, cmd: Command, etags: Map<string, { tag: string; version: number }>) {
	const remember = (res: Response, user_id: string) => {
		const tag = res.headers.get("etag");
		const version = model.version(user_id);
		if (tag && version !== undefined) etags.set(user_id, { tag, version });
	};
	const at = JSON.stringify(cmd);
	switch (cmd.kind) {
		case "post-one": {
			const r = await json("/users", { method: "POST", body: cmd.row });
			const exists = model.has(cmd.row.user_id);
			expect(r.status, at).toBe(exists ? 409 : 201);
			if (!exists) {
				model.set(cmd.row.user_id, cmd.row.user_data);
				expect(pairs([r.body]), at).toEqual(pairs([cmd.row]));
				remember(r.res, cmd.row.user_id);
			}
			return;
		}
		case "post-many": {
			const r = await json(`/users?on_conflict=${cmd.on_conflict}`, { method: "POST", body: cmd.rows });
			const list = cmd.rows.map((x) => x.user_id);
			if (duplicated(list)) return expect(r.status, at).toBe(409);
			const fresh = cmd.rows.filter((x) => !model.has(x.user_id));
			if (cmd.on_conflict === "error" && fresh.length < cmd.rows.length) {
				expect(r.status, at).toBe(409);
				return expect(sorted(r.body.user_ids), at).toEqual(
					sorted(cmd.rows.filter((x) => model.has(x.user_id)).map((x) => x.user_id)),
				);
			}
			const written = cmd.on_conflict === "update" ? cmd.rows : fresh;
			for (const x of written) model.set(x.user_id, x.user_data);
			expect(r.status, at).toBe(201);
			expect(r.body.count, at).toBe(written.length);
			return expect(sorted(r.body.data.map((x: any) => JSON.stringify([x.user_id, x.user_data]))), at).toEqual(
				sorted(written.map((x) => JSON.stringify([x.user_id, x.user_data]))),
			);
		}
		case "put": {
			const r = await json(path(cmd.row.user_id), { method: "PUT", body: { user_data: cmd.row.user_data } });
			expect(r.status, at).toBe(model.has(cmd.row.user_id) ? 200 : 201);
			model.set(cmd.row.user_id, cmd.row.user_data);
			remember(r.res, cmd.row.user_id);
			return expect(r.body.user_data, at).toBe(cmd.row.user_data);
		}
		case "patch-one":
		case "delete-one": {
			const user_id = cmd.kind === "patch-one" ? cmd.row.user_id : cmd.user_id;
			const headers: Record<string, string> = {};
			// "current": the ETag of a fresh read; "held": the last one this client was given, maybe stale.
			if (cmd.if_match === "*") headers["if-match"] = "*";
			if (cmd.if_match === "current") {
				const read = await call(path(user_id));
				remember(read, user_id);
				headers["if-match"] = read.headers.get("etag") ?? '"no-row"';
			}
			const held = etags.get(user_id);
			if (cmd.if_match === "held") headers["if-match"] = held?.tag ?? '"never-issued"';
			const r =
				cmd.kind === "patch-one"
					? await json(path(user_id), { method: "PATCH", body: { user_data: cmd.row.user_data }, headers })
					: await json(path(user_id), { method: "DELETE", headers });
			const exists = model.has(user_id);
			const matches = cmd.if_match !== "held" || held?.version === model.version(user_id);
			const expected = !exists ? (cmd.if_match ? 412 : 404) : !matches ? 412 : cmd.kind === "patch-one" ? 200 : 204;
			expect(r.status, at).toBe(expected);
			if (expected === 200 && cmd.kind === "patch-one") {
				model.set(user_id, cmd.row.user_data);
				remember(r.res, user_id);
				expect(r.body.user_data, at).toBe(cmd.row.user_data);
			}
			if (expected === 204) model.delete(user_id);
			return;
		}
		case "patch-many": {
			const r = await json("/users", { method: "PATCH", body: cmd.rows });
			const list = cmd.rows.map((x) => x.user_id);
			if (duplicated(list)) return expect(r.status, at).toBe(409);
			const missing = list.filter((u) => !model.has(u));
			if (missing.length > 0) {
				expect(r.status, at).toBe(404);
				return expect(sorted(r.body.user_ids), at).toEqual(sorted(missing));
			}
			for (const x of cmd.rows) model.set(x.user_id, x.user_data);
			return expect(r.body, at).toEqual({ count: cmd.rows.length });
		}
		case "patch-where": {
			const r = await json(`/users?user_data=${encodeURIComponent(cmd.user_data)}`, {
				method: "PATCH",
				body: { user_data: cmd.set },
			});
			const selected = selectModel(model, { user_data: cmd.user_data });
			for (const [u] of selected) model.set(u, cmd.set);
			return expect(r.body, at).toEqual({ count: selected.length });
		}
		case "delete-prefix": {
			const r = await json(`/users?user_id_prefix=${encodeURIComponent(cmd.prefix)}`, { method: "DELETE" });
			const selected = selectModel(model, { user_id_prefix: cmd.prefix });
			for (const [u] of selected) model.delete(u);
			return expect(r.body, at).toEqual({ count: selected.length });
		}
		case "list": {
			const query = Object.entries(cmd.where)
				.flatMap(([k, v]) =>
					Array.isArray(v) ? v.map((x) => `${k}=${encodeURIComponent(x)}`) : [`${k}=${encodeURIComponent(v)}`],
				)
				.join("&");
			const r = await json(`/users?${query}`);
			return expect(pairs(r.body.data), at).toEqual(selectModel(model, cmd.where));
		}
		case "transaction": {
			const r = await json("/transactions", {
				method: "POST",
				body: { operations: cmd.operations, dry_run: cmd.dry_run },
			});
			const dup = cmd.operations.findIndex((op) => duplicated(idsOf(op)));
			if (dup >= 0) {
				expect(r.status, at).toBe(409);
				return expect(r.body.operation, at).toBe(dup);
			}
			const draft = model.copy();
			const results: unknown[] = [];
			for (const [i, op] of cmd.operations.entries()) {
				const outcome = applyOperation(draft, op);
				if (outcome.fail) {
					expect(r.status, at).toBe(outcome.fail.status);
					expect(r.body.operation, at).toBe(i);
					return expect(sorted(r.body.user_ids), at).toEqual(sorted(outcome.fail.user_ids ?? []));
				}
				results.push(outcome.data ? outcome.data : { count: outcome.count });
			}
			expect(r.status, at).toBe(200);
			if (cmd.dry_run) return expect(r.body, at).toEqual({ dry_run: true, ok: true });
			const answered = r.body.results.map((x: any) => (x.data ? pairs(x.data) : x));
			expect(answered, at).toEqual(results);
			model.rows = draft.rows;
			model.clock = draft.clock;
			return;
		}
	}
}

const RUNS = Number(env.MODEL_RUNS);

describe("the service agrees with a model of the contract", () => {
	it(`on ${RUNS} random sequences of requests`, async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (commands) => {
				await clearTable();
				const model = new Model();
				const etags = new Map<string, { tag: string; version: number }>();
				for (const cmd of commands) await step(model, cmd, etags);
				expect(pairs(await table())).toEqual(model.entries());
			}),
			{ numRuns: RUNS, verbose: true },
		);
	});
});
