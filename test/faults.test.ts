// Transient D1 faults (API.md § Retries): every route × every fault × before the batch ran, after it committed,
// or on every call. Reads are retried; a write only when D1 says it never ran; never a 500, never a write twice.
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { RETRY_AFTER_S, transientFault } from "../src/engine/retry";
import { handle, type Init, json, request, seedAB, table } from "./client";
import { every, FAULTS, type Fault, faulty, nth } from "./faults";

type Request = { path: string } & Init;

/** What the route answers and leaves behind when D1 is healthy. */
type Case = {
	name: string;
	kind: "read" | "write";
	/** Seeds what the request needs (with the healthy service) and returns the request. */
	request: () => Promise<Request>;
	status: number;
	/** The round trip that carries the write (or the read) the fault hits: 1 unless a read comes first. */
	call?: number;
	/** A write's effect, applied once. */
	applied?: (after: State) => void;
	/** What the answer's body holds on success. */
	body?: (text: string) => void;
};

type State = Awaited<ReturnType<typeof state>>;

async function state() {
	const { results: sessions } = await env.DB.prepare(
		"SELECT session_id, state, operations, result FROM session ORDER BY session_id",
	).all();
	return { rows: await table(), sessions };
}

const data = (after: State) => Object.fromEntries(after.rows.map((r) => [r.user_id, r.user_data]));

const openSession = async () => (await json("/sessions", { method: "POST" })).body.session_id as string;
const INSERT_C = { op: "insert", rows: [{ user_id: "C", user_data: "c" }] };

const COMMIT: Case = {
	name: "POST /sessions/{id}/commit",
	kind: "write",
	request: async () => {
		const id = await openSession();
		await json(`/sessions/${id}/operations`, { method: "POST", body: { operations: [INSERT_C] } });
		return { path: `/sessions/${id}/commit`, method: "POST" };
	},
	// The session is loaded first (a read), then committed.
	call: 2,
	status: 200,
	applied: (after) => {
		expect(after.sessions).toMatchObject([{ state: "committed", operations: 1 }]);
		expect(data(after)).toEqual({ A: "a", B: "b", C: "c" });
	},
};

const CASES: Case[] = [
	{ name: "GET /users", kind: "read", request: async () => ({ path: "/users" }), status: 200 },
	{ name: "GET /users/{id}", kind: "read", request: async () => ({ path: "/users/A" }), status: 200 },
	{
		name: "GET /users/export (its first page)",
		kind: "read",
		request: async () => ({ path: "/users/export?format=ndjson" }),
		// The count comes first, then the pages, each read when the client takes the last.
		call: 2,
		status: 200,
		body: (text) =>
			expect(
				text
					.trim()
					.split("\n")
					.map((line) => JSON.parse(line).user_id),
			).toEqual(["A", "B"]),
	},
	{ name: "GET /healthz", kind: "read", request: async () => ({ path: "/healthz", token: null }), status: 200 },
	{
		name: "POST /users (one row)",
		kind: "write",
		request: async () => ({ path: "/users", method: "POST", body: { user_id: "C", user_data: "c" } }),
		status: 201,
		applied: (after) => expect(data(after)).toEqual({ A: "a", B: "b", C: "c" }),
	},
	{
		name: "POST /users (bulk)",
		kind: "write",
		request: async () => ({
			path: "/users",
			method: "POST",
			body: [{ user_id: "C", user_data: "c" }, { user_id: "D" }],
		}),
		status: 201,
		applied: (after) => expect(data(after)).toEqual({ A: "a", B: "b", C: "c", D: null }),
	},
	{
		name: "PATCH /users (bulk)",
		kind: "write",
		request: async () => ({
			path: "/users",
			method: "PATCH",
			body: [
				{ user_id: "A", user_data: "a2" },
				{ user_id: "B", user_data: "b2" },
			],
		}),
		status: 200,
		applied: (after) => expect(data(after)).toEqual({ A: "a2", B: "b2" }),
	},
	{
		name: "DELETE /users/{id}",
		kind: "write",
		request: async () => ({ path: "/users/A", method: "DELETE" }),
		status: 204,
		applied: (after) => expect(data(after)).toEqual({ B: "b" }),
	},
	{
		name: "POST /transactions",
		kind: "write",
		request: async () => ({
			path: "/transactions",
			method: "POST",
			body: { operations: [INSERT_C, { op: "delete", user_ids: ["B"] }] },
		}),
		status: 200,
		applied: (after) => expect(data(after)).toEqual({ A: "a", C: "c" }),
	},
	{
		name: "GET /sessions/{id}",
		kind: "read",
		request: async () => ({ path: `/sessions/${await openSession()}` }),
		status: 200,
	},
	{
		name: "GET /sessions/{id}/users (the pending view)",
		kind: "read",
		request: async () => {
			const id = await openSession();
			await json(`/sessions/${id}/operations`, { method: "POST", body: { operations: [INSERT_C] } });
			return { path: `/sessions/${id}/users` };
		},
		status: 200,
	},
	{
		name: "POST /sessions/{id}/operations (stage)",
		kind: "write",
		request: async () => ({
			path: `/sessions/${await openSession()}/operations`,
			method: "POST",
			body: { operations: [INSERT_C] },
		}),
		status: 200,
		applied: (after) => {
			expect(after.sessions).toMatchObject([{ state: "open", operations: 1 }]);
			expect(data(after)).toEqual({ A: "a", B: "b" });
		},
	},
	COMMIT,
];

beforeEach(() => seedAB(["userdata", "session", "session_operation", "session_row", "session_user"]));

/** The request with D1 behind `db`, the Worker's other bindings as the pool has them. */
const send = (db: D1Database, { path, ...init }: Request) => handle(request(path, init), { ...env, DB: db });

const MOMENTS = ["before", "after", "always"] as const;
const ambiguous = (fault: Fault) => fault !== "overloaded";

describe.each(CASES)("$name", (route) => {
	const call = route.call ?? 1;
	for (const fault of Object.keys(FAULTS) as Fault[]) {
		for (const moment of MOMENTS) {
			// D1 says "overloaded" only of a batch it never ran.
			if (fault === "overloaded" && moment === "after") continue;
			it(`${fault}, ${moment === "always" ? "on every call" : `${moment} the batch`}`, async () => {
				const req = await route.request();
				const before = await state();
				const { db, trips } = faulty(env.DB, {
					fault,
					moment: moment === "always" ? "before" : moment,
					when: moment === "always" ? every : nth(call),
				});
				const res = await send(db, req);
				const body = await res.text();
				expect(res.status, body).not.toBe(500);
				const after = await state();

				// How many times the faulted batch reached D1 and ran: a write's, never twice.
				const hit = trips.find((t) => t.fault);
				const sameBatch = trips.filter((t) => t.sent && JSON.stringify(t.sql) === JSON.stringify(hit?.sql));
				if (route.kind === "write") expect(sameBatch.length).toBeLessThanOrEqual(1);

				const succeeds =
					moment !== "always" && (route.kind === "read" || (route.kind === "write" && fault === "overloaded"));
				if (succeeds) {
					expect(res.status, body).toBe(route.status);
					route.body?.(body);
					if (route.applied) {
						route.applied(after);
						expect(sameBatch).toHaveLength(1);
					} else expect(after).toEqual(before);
					return;
				}
				expect(res.status, body).toBe(503);
				expect(res.headers.get("retry-after")).toBe(String(RETRY_AFTER_S));
				// healthz answers its own JSON (status "unavailable"); every other route a problem.
				if (route.name === "GET /healthz") {
					expect(JSON.parse(body)).toMatchObject({ status: "unavailable", database: "error" });
					return;
				}
				expect(res.headers.get("content-type")).toBe("application/problem+json");
				const problem = JSON.parse(body);
				expect(problem).toMatchObject({ type: "/problems/database-unavailable", status: 503 });
				// Committed only when the fault came after the write ran; unknown to the service whenever D1's
				// message left it open.
				const writeHit = route.kind === "write" && (moment !== "always" || call === 1);
				expect(problem.committed).toBe(writeHit && ambiguous(fault) ? "unknown" : "no");
				if (moment === "after") {
					route.applied?.(after);
					expect(sameBatch).toHaveLength(1);
				} else {
					expect(after).toEqual(before);
					expect(sameBatch).toHaveLength(0);
				}
			});
		}
	}
});

it("every route that uses D1 declares its 503 database-unavailable, with Retry-After", async () => {
	type Responses = Record<string, { description: string; headers?: Record<string, unknown> }>;
	const doc = (await json("/openapi.json", { token: null })).body as {
		paths: Record<string, Record<string, { security?: unknown[]; responses: Responses }>>;
	};
	const missing = Object.entries(doc.paths).flatMap(([path, operations]) =>
		Object.entries(operations)
			.filter(([, op]) => !(Array.isArray(op.security) && op.security.length === 0) && path !== "/auth")
			.filter(
				([, { responses }]) =>
					!responses[503]?.description.includes("database-unavailable") || !responses[503].headers?.["Retry-After"],
			)
			.map(([method]) => `${method.toUpperCase()} ${path}`),
	);
	expect(missing).toEqual([]);
	expect(doc.paths["/healthz"].get.responses[503].headers?.["Retry-After"]).toBeDefined();
});

describe("a session's commit", () => {
	it("is safe to repeat after an ambiguous 503: it answers as committed, applied once", async () => {
		const req = await COMMIT.request();
		const { db } = faulty(env.DB, { fault: "lost", moment: "after", when: nth(2) });
		expect((await send(db, req)).status).toBe(503);
		const again = await json(req.path, { method: "POST" });
		// Its answer was never saved, so the repeat says committed with results unknown (null).
		expect(again).toMatchObject({ status: 200, body: { state: "committed", results: null } });
		expect(data(await state())).toEqual({ A: "a", B: "b", C: "c" });
	});

	it("answers its results when D1 keeps failing to save the answer after committing", async () => {
		const req = await COMMIT.request();
		const { db, trips } = faulty(env.DB, { fault: "reset", moment: "before", when: ({ call }) => call >= 3 });
		const res = await send(db, req);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ state: "committed", results: [{ count: 1 }] });
		// The load, the commit, and four tries to save the answer (saving it twice saves it once).
		expect(trips.length).toBe(6);
		expect((await json(req.path, { method: "POST" })).body).toEqual({ state: "committed", results: null });
	});
});

describe("the classification, of D1's documented messages", () => {
	it.each([
		["D1 DB is overloaded. Requests queued for too long.", "not-run"],
		["D1 DB is overloaded. Too many requests queued.", "not-run"],
		["Network connection lost.", "ambiguous"],
		["Internal error in D1 DB storage caused object to be reset.", "ambiguous"],
		["D1 DB storage operation exceeded timeout which caused object to be reset.", "ambiguous"],
		["Internal error while starting up D1 DB storage caused object to be reset.", "ambiguous"],
		["D1 DB reset because its code was updated.", "ambiguous"],
		["Cannot resolve D1 DB due to transient issue on remote node.", "ambiguous"],
		["UNIQUE constraint failed: userdata.user_id: SQLITE_CONSTRAINT", undefined],
		["D1 DB's isolate exceeded its memory limit and was reset.", undefined],
	])("%s → %s", (message, fault) => {
		expect(transientFault(new Error(`D1_ERROR: ${message}`, { cause: new Error(message) }))).toBe(fault);
	});
});
