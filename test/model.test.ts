// Model-based test: random sequences of requests against the service and a tiny in-memory model.

import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VIEW_OVERHEAD } from "../src/engine/sessions";
import { call, clearTable, json, table } from "./client";

/**
 * The model: user_id → user_data, and the version of each row (from one counter, bumped by
 * every write of a row), which tells whether an ETag a client holds is still current.
 */
class Model {
	rows = new Map<string, { data: string | null; version: number }>();
	clock = 0;

	has = (user_id: string) => this.rows.has(user_id);
	data = (user_id: string) => this.rows.get(user_id)?.data;
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

/**
 * A session as the model knows it: what it staged (nothing of which the model applies before a commit),
 * the counts the service reports, the D1 statements its pending view needs, and its first commit's answer.
 */
type SessionModel = {
	session_id: string;
	state: "open" | "committed" | "rolled_back";
	staged: Operation[];
	/** The distinct ids the staged operations name (an expect's too): the session's `rows`. */
	named: Set<string>;
	statements: number;
	answer?: unknown;
};

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
/** Mostly distinct ids: an id twice in one operation is refused before anything else is looked at. */
const rows = fc.oneof(
	{ arbitrary: fc.uniqueArray(row, { minLength: 1, maxLength: 4, selector: (r) => r.user_id }), weight: 3 },
	fc.array(row, { minLength: 1, maxLength: 4 }),
);
const ids = fc.oneof(
	{ arbitrary: fc.uniqueArray(id, { minLength: 1, maxLength: 4 }), weight: 3 },
	fc.array(id, { minLength: 1, maxLength: 4 }),
);
const oneFilter = fc.oneof(
	fc.record({ user_id: ids }),
	fc.record({ user_id_prefix: fc.constantFrom("B", "Br", "a", "Z") }),
	fc.record({ user_data: fc.constantFrom("x", "Mass update") }),
	fc.record({ q: fc.constantFrom("MASS", "é", "x") }),
);
/** One filter, or two together (both must hold). */
const where: fc.Arbitrary<Where> = fc.oneof(
	{ arbitrary: oneFilter, weight: 3 },
	fc.tuple(oneFilter, oneFilter).map(([a, b]) => ({ ...a, ...b })),
);
const ORDERS = ["user_id", "-user_id", "time_stamp", "-time_stamp"] as const;
/** A list read (GET /users, or a session's pending view): filters, order, a page size, maybe the count. */
const read = fc.record({
	where: fc.oneof(fc.constant({}), where),
	order: fc.constantFrom(...ORDERS),
	limit: fc.constantFrom(undefined, 1, 2, 3),
	count: fc.boolean(),
});

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
	fc.record(
		{
			op: fc.constant("select" as const),
			where,
			order: fc.constantFrom("user_id" as const, "-user_id" as const),
			limit: fc.constantFrom(1, 2),
		},
		{ requiredKeys: ["op", "where"] },
	),
	fc.record({ op: fc.constant("expect" as const), user_id: id, exists: fc.boolean() }),
	fc.record({ op: fc.constant("expect" as const), user_id: id, exists: fc.constant(true), user_data: data }),
);
const operations = fc.array(operation, { minLength: 1, maxLength: 4 });
/** Operations that cannot fail, so that a session of many of them still commits. */
const safe = operation.filter(
	(op) =>
		!(
			op.op === "insert" ||
			op.op === "expect" ||
			((op.op === "update" || op.op === "delete") && op.missing === "error")
		),
);
/**
 * What one request stages: a few operations, a few that cannot fail, or up to many (which bring a session near its
 * statement budget), each of these naming no id twice.
 */
const staging = fc.oneof(
	{ arbitrary: operations, weight: 3 },
	{ arbitrary: fc.array(safe, { minLength: 1, maxLength: 4 }), weight: 2 },
	fc.array(
		fc.oneof(operation, safe).filter((op) => !duplicated(idsOf(op))),
		{ minLength: 1, maxLength: 24, size: "max" },
	),
);

/** Which session a session command is for: one of the open ones, or any this sequence opened. */
const target = {
	target: fc.constantFrom("open" as const, "open" as const, "open" as const, "any" as const),
	which: fc.nat(3),
};

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
		operations,
		dry_run: fc.boolean(),
	}),
	fc.record({ kind: fc.constant("list" as const), read }),
	fc.record({ kind: fc.constant("session-open" as const) }),
	{ arbitrary: fc.record({ kind: fc.constant("session-stage" as const), ...target, operations: staging }), weight: 4 },
	{ arbitrary: fc.record({ kind: fc.constant("session-view" as const), ...target, read }), weight: 2 },
	{
		arbitrary: fc.record({
			kind: fc.constant("session-commit" as const),
			...target,
			dry_run: fc.boolean(),
			again: fc.boolean(),
		}),
		weight: 2,
	},
	fc.record({ kind: fc.constant("session-rollback" as const), ...target }),
);
type Command = typeof command extends fc.Arbitrary<infer T> ? T : never;
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;
type Read = typeof read extends fc.Arbitrary<infer T> ? T : never;
type Where = { user_id?: string[]; user_id_prefix?: string; user_data?: string; q?: string };

const duplicated = (list: string[]) => list.find((x, i) => list.indexOf(x) !== i);
const duplicates = (list: string[]) => [...new Set(list.filter((x, i) => list.indexOf(x) !== i))];
const sorted = (list: string[]) => [...list].sort();

/** The rows of the model `w` selects (every filter in it must hold), in user_id order (binary, as SQLite compares). */
function selectModel(model: Model, w: Where): [string, string | null][] {
	const lower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase()); // SQLite's lower(): ASCII only
	return model
		.entries()
		.filter(
			([user_id, user_data]) =>
				(w.user_id === undefined || w.user_id.includes(user_id)) &&
				(w.user_id_prefix === undefined || user_id.startsWith(w.user_id_prefix)) &&
				(w.user_data === undefined || user_data === w.user_data) &&
				(w.q === undefined || (user_data !== null && lower(user_data).includes(lower(w.q)))),
		);
}

/** A problem as the model expects it, and as a response has it: its status, type, and the members it names. */
type Problem = { status: number; type: string; operation?: number; user_ids?: string[] };

const problem = (status: number, type: string, more: Omit<Problem, "status" | "type"> = {}): Problem => ({
	status,
	type: `/problems/${type}`,
	...more,
});

/** The members of an answer that the model predicts of a problem (ids in any order). */
const problemIn = (r: { status: number; body: any }): Problem => ({
	status: r.status,
	type: r.body?.type,
	operation: r.body?.operation,
	user_ids: r.body?.user_ids && sorted(r.body.user_ids),
});
const expectProblem = (r: { status: number; body: any }, expected: Problem, at: string) =>
	expect(problemIn(r), at).toEqual({ ...expected, user_ids: expected.user_ids && sorted(expected.user_ids) });

/** Apply one transaction operation to `model`; a failure says what the service must answer. */
function applyOperation(
	model: Model,
	op: Operation,
): { count?: number; data?: [string, string | null][]; fail?: Problem } {
	switch (op.op) {
		case "insert": {
			const existing = op.rows.filter((r) => model.has(r.user_id)).map((r) => r.user_id);
			if (existing.length > 0) return { fail: problem(409, "already-exists", { user_ids: existing }) };
			for (const r of op.rows) model.set(r.user_id, r.user_data);
			return { count: op.rows.length };
		}
		case "upsert":
			for (const r of op.rows) model.set(r.user_id, r.user_data);
			return { count: op.rows.length };
		case "update": {
			const missing = op.rows.filter((r) => !model.has(r.user_id)).map((r) => r.user_id);
			if (missing.length > 0 && op.missing === "error")
				return { fail: problem(404, "not-found", { user_ids: missing }) };
			const present = op.rows.filter((r) => model.has(r.user_id));
			for (const r of present) model.set(r.user_id, r.user_data);
			return { count: present.length };
		}
		case "delete": {
			const missing = op.user_ids.filter((u) => !model.has(u));
			if (missing.length > 0 && op.missing === "error")
				return { fail: problem(404, "not-found", { user_ids: missing }) };
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
		case "select": {
			const selected = selectModel(model, op.where);
			if (op.order === "-user_id") selected.reverse();
			return { data: selected.slice(0, op.limit ?? 100) };
		}
		case "expect": {
			const holds = op.exists
				? model.has(op.user_id) && ("user_data" in op ? model.data(op.user_id) === op.user_data : true)
				: !model.has(op.user_id);
			return holds ? { count: 0 } : { fail: problem(409, "expectation-failed", { user_ids: [op.user_id] }) };
		}
	}
}

/**
 * Run `list` in order on a copy of `model`, all or nothing, as POST /transactions and a session's commit do:
 * the results and the changed copy, or the first failure, which names its operation's index.
 */
function transact(model: Model, list: Operation[]): { draft: Model; results: unknown[] } | { fail: Problem } {
	const draft = model.copy();
	const results: unknown[] = [];
	for (const [i, op] of list.entries()) {
		const outcome = applyOperation(draft, op);
		if (outcome.fail) return { fail: { ...outcome.fail, operation: i } };
		results.push(outcome.data ? outcome.data : { count: outcome.count });
	}
	return { draft, results };
}

const idsOf = (op: Operation) => ("rows" in op ? op.rows.map((r) => r.user_id) : "user_ids" in op ? op.user_ids : []);
/** The first operation of `list` that names an id twice, as the service refuses it before anything else. */
function duplicateIn(list: Operation[]): Problem | undefined {
	const at = list.findIndex((op) => duplicated(idsOf(op)));
	if (at < 0) return undefined;
	return problem(409, "duplicate-ids", { operation: at, user_ids: duplicates(idsOf(list[at])) });
}

/** D1 statements a session's commit and pending view need per staged operation (compact form; a mass write's copy). */
function statementsOf(op: Operation): number {
	switch (op.op) {
		case "insert":
		case "update_where":
		case "delete_where":
			return 2;
		case "update":
		case "delete":
			return op.missing === "error" ? 2 : 1;
		default:
			return 1;
	}
}
/** The statements one request may use (D1_QUERY_LIMIT is not set in the tests). */
const STATEMENT_LIMIT = 50;

const path = (user_id: string) => `/users/${encodeURIComponent(user_id)}`;
const pairs = (list: { user_id: string; user_data: string | null }[]) => list.map((r) => [r.user_id, r.user_data]);

/** The query string of a list read; `cursor` for a page after the first. */
function queryOf(r: Read, cursor?: string): string {
	const params = new URLSearchParams();
	for (const [k, v] of Object.entries(r.where)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
	if (r.order !== "user_id") params.set("order", r.order);
	if (r.limit !== undefined) params.set("limit", String(r.limit));
	if (r.count) params.set("count", "exact");
	if (cursor !== undefined) params.set("cursor", cursor);
	return params.toString();
}

type Answered = { user_id: string; user_data: string | null; time_stamp: string };
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** (time_stamp, user_id) as SQLite orders them, both binary. */
const byTime = (a: Answered, b: Answered) => binary(a.time_stamp, b.time_stamp) || binary(a.user_id, b.user_id);

/**
 * Read `r` from `base` (GET /users, or a session's pending view) and compare it with the rows of `model` it
 * selects: each page's rows, its next_cursor and the total. In user_id order the model knows every page exactly;
 * time_stamps are the database's, so in time_stamp order each page holds rows of the model, as many as it must,
 * in the order of their own time_stamps. With `walk`, follow next_cursor to the last page: the pages then hold
 * every selected row once.
 */
async function checkRead(base: string, r: Read, model: Model, walk: boolean, at: string) {
	const expected = selectModel(model, r.where);
	if (r.order === "-user_id") expected.reverse();
	const timed = r.order.endsWith("time_stamp");
	const limit = r.limit ?? 100;
	const seen: Answered[] = [];
	let cursor: string | undefined;
	for (let page = 0; ; page++) {
		const res = await json(`${base}?${queryOf(r, cursor)}`);
		expect(res.status, at).toBe(200);
		const rows = res.body.data as Answered[];
		const rest = expected.slice(page * limit);
		if (timed) {
			const known = new Set(expected.map((x) => JSON.stringify(x)));
			for (const x of pairs(rows)) expect(known.has(JSON.stringify(x)), `${at} ${JSON.stringify(x)}`).toBe(true);
			expect(rows.length, at).toBe(Math.min(limit, rest.length));
		} else {
			expect(pairs(rows), at).toEqual(rest.slice(0, limit));
		}
		for (const x of rows) expect(x.time_stamp, at).toMatch(ISO);
		expect(res.body.next_cursor !== null, at).toBe(rest.length > limit);
		expect(res.body.total, at).toBe(r.count ? expected.length : undefined);
		seen.push(...rows);
		if (!walk || res.body.next_cursor === null) break;
		cursor = res.body.next_cursor;
	}
	if (timed) {
		const order = [...seen].sort(byTime);
		expect(seen, at).toEqual(r.order === "time_stamp" ? order : order.reverse());
		if (walk)
			expect(sorted(seen.map((x) => JSON.stringify([x.user_id, x.user_data]))), at).toEqual(
				sorted(expected.map((x) => JSON.stringify(x))),
			);
	}
}

/** What the model and the service share across a sequence: the rows, the ETags handed out, the sessions opened. */
type World = { model: Model; etags: Map<string, { tag: string; version: number }>; sessions: SessionModel[] };

async function openSession(world: World, at: string): Promise<SessionModel> {
	const r = await json("/sessions", { method: "POST" });
	expect(r.status, at).toBe(201);
	expect(r.body, at).toMatchObject({ state: "open", operations: 0, rows: 0 });
	const opened: SessionModel = {
		session_id: r.body.session_id,
		state: "open",
		staged: [],
		named: new Set(),
		statements: 0,
	};
	world.sessions.push(opened);
	return opened;
}

/**
 * The session a command is for: an open one, or any the sequence opened (also when none is open). One is
 * opened when there is none at all, or when staging finds none open (never a third open at a time).
 */
async function sessionFor(
	world: World,
	cmd: { kind: string; target: "open" | "any"; which: number },
	at: string,
): Promise<SessionModel> {
	const open = world.sessions.filter((s) => s.state === "open");
	const pool = cmd.target === "open" && (open.length > 0 || cmd.kind === "session-stage") ? open : world.sessions;
	return pool.length > 0 ? pool[cmd.which % pool.length] : await openSession(world, at);
}

const GONE = problem(404, "session-not-found");
const COMMITTED = problem(409, "session-committed");

/** Send `cmd` to the service and to the model; they must answer alike. */
async function step(world: World, cmd: Command) {
	const { model, etags } = world;
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
		case "list":
			return checkRead("/users", cmd.read, model, true, at);
		case "transaction": {
			const r = await json("/transactions", {
				method: "POST",
				body: { operations: cmd.operations, dry_run: cmd.dry_run },
			});
			const outcome = duplicateIn(cmd.operations) ?? transact(model, cmd.operations);
			if ("status" in outcome) return expectProblem(r, outcome, at);
			if ("fail" in outcome) return expectProblem(r, outcome.fail, at);
			expect(r.status, at).toBe(200);
			if (cmd.dry_run) return expect(r.body, at).toEqual({ dry_run: true, ok: true });
			const answered = r.body.results.map((x: any) => (x.data ? pairs(x.data) : x));
			expect(answered, at).toEqual(outcome.results);
			world.model = outcome.draft;
			return;
		}
		case "session-open":
			if (world.sessions.filter((s) => s.state === "open").length < 2) await openSession(world, at);
			return;
		case "session-stage": {
			const s = await sessionFor(world, cmd, at);
			const r = await json(`/sessions/${s.session_id}/operations`, {
				method: "POST",
				body: { operations: cmd.operations },
			});
			const statements = cmd.operations.reduce((n, op) => n + statementsOf(op), 0);
			const refused =
				duplicateIn(cmd.operations) ??
				(s.state === "rolled_back"
					? GONE
					: s.state === "committed"
						? COMMITTED
						: s.statements + statements + VIEW_OVERHEAD > STATEMENT_LIMIT
							? problem(413, "too-many-statements")
							: undefined);
			if (refused) return expectProblem(r, refused, at);
			s.staged.push(...cmd.operations);
			for (const op of cmd.operations) for (const id of op.op === "expect" ? [op.user_id] : idsOf(op)) s.named.add(id);
			s.statements += statements;
			expect(r.status, at).toBe(200);
			return expect(r.body, at).toMatchObject({
				session_id: s.session_id,
				state: "open",
				operations: s.staged.length,
				rows: s.named.size,
			});
		}
		case "session-view": {
			const s = await sessionFor(world, cmd, at);
			const base = `/sessions/${s.session_id}/users`;
			if (s.state === "rolled_back") return expectProblem(await json(base), GONE, at);
			// What a commit now would make of the table: a committed session's commit changes nothing.
			const now = s.state === "committed" ? { draft: model } : transact(model, s.staged);
			if ("fail" in now) return expectProblem(await json(`${base}?${queryOf(cmd.read)}`), now.fail, at);
			// In time_stamp order a page after the first is read again at another time, the pending rows' time_stamps too.
			return checkRead(base, cmd.read, now.draft, !cmd.read.order.endsWith("time_stamp"), at);
		}
		case "session-commit": {
			const s = await sessionFor(world, cmd, at);
			const commit = (dry_run: boolean) =>
				json(`/sessions/${s.session_id}/commit${dry_run ? "?dry_run=true" : ""}`, { method: "POST" });
			const r = await commit(cmd.dry_run);
			if (s.state === "rolled_back") return expectProblem(r, GONE, at);
			if (s.state === "open") {
				const outcome = transact(model, s.staged);
				if ("fail" in outcome) {
					expectProblem(r, outcome.fail, at);
					return expect(r.body.dry_run, at).toBe(cmd.dry_run ? true : undefined);
				}
				expect(r.status, at).toBe(200);
				if (cmd.dry_run) return expect(r.body, at).toEqual({ dry_run: true, ok: true });
				expect(r.body.state, at).toBe("committed");
				expect(
					r.body.results.map((x: any) => (x.data ? pairs(x.data) : x)),
					at,
				).toEqual(outcome.results);
				world.model = outcome.draft;
				s.state = "committed";
				s.answer = r.body;
			}
			// A committed session's commit answers the first commit's answer again; a dry run, that it would commit.
			expect(r.status, at).toBe(200);
			expect(r.body, at).toEqual(cmd.dry_run ? { dry_run: true, ok: true } : s.answer);
			if (cmd.again) expect(await commit(false), at).toMatchObject({ status: 200, body: s.answer });
			return;
		}
		case "session-rollback": {
			const s = await sessionFor(world, cmd, at);
			const r = await json(`/sessions/${s.session_id}`, { method: "DELETE" });
			if (s.state === "rolled_back") return expectProblem(r, GONE, at);
			if (s.state === "committed") return expectProblem(r, COMMITTED, at);
			expect(r.status, at).toBe(204);
			s.state = "rolled_back";
			return;
		}
	}
}

/** Every session the sequence opened is as the model has it; none left rows in the pending view's scratch tables. */
async function checkSessions(sessions: SessionModel[]) {
	for (const s of sessions) {
		const r = await json(`/sessions/${s.session_id}`);
		if (s.state === "rolled_back") expectProblem(r, GONE, s.session_id);
		else expect(r.body).toMatchObject({ state: s.state, operations: s.staged.length, rows: s.named.size });
	}
	const scratch = await env.DB.prepare(
		"SELECT (SELECT count(*) FROM pending) + (SELECT count(*) FROM pending_base) AS n",
	).first<{ n: number }>();
	expect(scratch?.n).toBe(0);
}

async function clearSessions() {
	await env.DB.batch(
		["session", "session_operation", "session_row", "session_user"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
	);
}

const RUNS = Number(env.MODEL_RUNS);
/** The rows a sequence starts from, so that its operations meet rows from the first. */
const initial = fc.uniqueArray(row, { maxLength: IDS.length, selector: (r) => r.user_id });

describe("the service agrees with a model of the contract", () => {
	it(`on ${RUNS} random sequences of requests, sessions among them`, async () => {
		await fc.assert(
			fc.asyncProperty(initial, fc.array(command, { minLength: 1, maxLength: 16 }), async (first, commands) => {
				await clearTable();
				await clearSessions();
				const world: World = { model: new Model(), etags: new Map(), sessions: [] };
				if (first.length > 0) expect((await json("/users", { method: "POST", body: first })).status).toBe(201);
				for (const r of first) world.model.set(r.user_id, r.user_data);
				for (const cmd of commands) await step(world, cmd);
				expect(pairs(await table())).toEqual(world.model.entries());
				await checkSessions(world.sessions);
			}),
			{ numRuns: RUNS, verbose: true },
		);
	});
});
