// The contract test: real requests to the running service, every answer (status, headers, body) validated
// against its own /openapi.json with ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses). An answer the document
// does not describe fails the test.
import Ajv2020 from "ajv/dist/2020.js";
import { beforeAll, describe, expect, inject, it } from "vitest";

const base = inject("base");
const READ = inject("read");
const WRITE = inject("write");
const P = `ct-${Date.now().toString(36)}-`; // this file's rows; other files share the database

/** @type {any} */
let spec;
/** @type {import("ajv").default} */
let ajv;
const seen = new Set();

const pointer = (...parts) => parts.map((p) => String(p).replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

/** The path template of the document that `path` matches, e.g. /users/{user_id}. */
function templateOf(path) {
	const templates = Object.keys(spec.paths);
	if (templates.includes(path)) return path;
	return templates.find((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(path));
}

/** Every way `response` differs from what the document says of `method path`. */
async function mismatches(method, path, response) {
	const problems = [];
	const template = templateOf(path);
	const operation = spec.paths[template]?.[method.toLowerCase()];
	if (!operation) return [`${method} ${path}: no such operation in the document`];
	const status = String(response.status);
	const declared = operation.responses[status];
	if (!declared) return [`${method} ${template}: status ${status} is not declared`];
	seen.add(`${method} ${template} ${status}`);
	for (const [name, header] of Object.entries(declared.headers ?? {})) {
		const value = response.headers.get(name);
		if (value === null) {
			if (header.required) problems.push(`${method} ${template} ${status}: required header ${name} is missing`);
			continue;
		}
		const validate = ajv.compile(header.schema);
		if (!validate(value))
			problems.push(`${method} ${template} ${status}: header ${name}: ${ajv.errorsText(validate.errors)}`);
	}
	const body = await response.text();
	if (!declared.content) {
		if (body !== "") problems.push(`${method} ${template} ${status}: a body where none is declared`);
		return problems;
	}
	const type = (response.headers.get("content-type") ?? "").split(";")[0].trim();
	const media = declared.content[type];
	if (!media) {
		problems.push(
			`${method} ${template} ${status}: content type ${type} is not declared (${Object.keys(declared.content)})`,
		);
		return problems;
	}
	const value = type === "application/json" || type === "application/problem+json" ? JSON.parse(body) : body;
	const validate = ajv.getSchema(
		`spec#/${pointer("paths", template, method.toLowerCase(), "responses", status, "content", type, "schema")}`,
	);
	if (!validate(value)) {
		problems.push(
			`${method} ${template} ${status} ${type}: ${ajv.errorsText(validate.errors)} in ${body.slice(0, 300)}`,
		);
	}
	return problems;
}

/** Send a request and check its answer against the document; returns the answer's status. */
async function send(method, path, { token = WRITE, body, type, headers = {} } = {}) {
	const h = { ...headers };
	if (token) h.authorization = `Bearer ${token}`;
	let payload;
	if (body !== undefined) {
		payload = typeof body === "string" ? body : JSON.stringify(body);
		h["content-type"] = type ?? "application/json";
	}
	const response = await fetch(`${base}${path}`, { method, headers: h, body: payload });
	const etag = response.headers.get("etag");
	expect(await mismatches(method, new URL(path, base).pathname, response)).toEqual([]);
	return { status: response.status, etag };
}

const id = (name) => encodeURIComponent(P + name);

beforeAll(async () => {
	spec = await (await fetch(`${base}/openapi.json`)).json();
	ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
	ajv.addSchema(spec, "spec");
});

describe("every answer is one the OpenAPI document describes", () => {
	it("service routes", async () => {
		expect((await send("GET", "/healthz", { token: null })).status).toBe(200);
		expect((await send("GET", "/openapi.json", { token: null })).status).toBe(200);
		expect((await send("GET", "/docs", { token: null })).status).toBe(200);
		expect((await send("GET", "/docs/scalar.js", { token: null })).status).toBe(200);
		expect((await send("GET", "/auth", { token: READ })).status).toBe(200);
		expect((await send("GET", "/auth")).status).toBe(200);
		expect((await send("GET", "/auth", { token: null })).status).toBe(401);
		expect((await send("GET", "/auth", { token: "wrong" })).status).toBe(401);
	});

	it("inserts, in every body format, and their refusals", async () => {
		const one = { user_id: `${P}Brad`, user_data: "Brad's data" };
		expect((await send("POST", "/users", { body: one })).status).toBe(201);
		expect((await send("POST", "/users", { body: one })).status).toBe(409);
		expect((await send("POST", "/users?on_conflict=ignore", { body: one })).status).toBe(200);
		const many = ["Larry", "Jane"].map((n) => ({ user_id: P + n, user_data: `Data for ${n}` }));
		expect((await send("POST", "/users", { body: many })).status).toBe(201);
		expect((await send("POST", "/users?return=minimal&on_conflict=update", { body: many })).status).toBe(201);
		const ndjson = `${JSON.stringify({ user_id: `${P}Barbra`, user_data: "x" })}\n`;
		expect((await send("POST", "/users", { body: ndjson, type: "application/x-ndjson" })).status).toBe(201);
		const csv = `user_id,user_data\r\n${P}Jessa,Jessas data\r\n${P}Ed,"Ed, with lots of data"\r\n`;
		expect((await send("POST", "/users", { body: csv, type: "text/csv" })).status).toBe(201);
		expect((await send("POST", "/users", { body: "{nope" })).status).toBe(400);
		expect((await send("POST", "/users", { body: 'a,b\r\n"x', type: "text/csv" })).status).toBe(400);
		expect((await send("POST", "/users", { body: "<user/>", type: "application/xml" })).status).toBe(415);
		expect((await send("POST", "/users", { body: { user_id: "" } })).status).toBe(422);
		expect((await send("POST", "/users", { body: { user_id: `${P}x`, time_stamp: "now" } })).status).toBe(422);
		expect((await send("POST", "/users", { body: [one, one] })).status).toBe(409);
		expect((await send("POST", "/users?foo=1", { body: one })).status).toBe(400);
		expect((await send("POST", "/users", { body: one, token: READ })).status).toBe(403);
		expect((await send("POST", "/users", { body: one, token: null })).status).toBe(401);
		const tooMany = Array.from({ length: 100_001 }, (_, i) => ({ user_id: `${P}${i}` }));
		expect((await send("POST", "/users", { body: tooMany })).status).toBe(413);
	});

	it("lists in every format, pages, and refusals", async () => {
		const prefix = `user_id_prefix=${encodeURIComponent(P)}`;
		expect((await send("GET", `/users?${prefix}&count=exact`, { token: READ })).status).toBe(200);
		expect((await send("GET", `/users?${prefix}&columns=user_id`, { token: READ })).status).toBe(200);
		for (const format of ["json", "ndjson", "csv", "text"]) {
			expect((await send("GET", `/users?${prefix}&format=${format}&limit=2&count=exact`)).status).toBe(200);
		}
		for (const accept of ["application/x-ndjson", "text/csv", "text/plain"]) {
			expect((await send("GET", `/users?${prefix}`, { headers: { accept } })).status).toBe(200);
		}
		const first = await fetch(`${base}/users?${prefix}&limit=2`, { headers: { authorization: `Bearer ${READ}` } });
		const { next_cursor } = await first.json();
		expect(next_cursor).toEqual(expect.any(String));
		expect((await send("GET", `/users?${prefix}&limit=2&cursor=${encodeURIComponent(next_cursor)}`)).status).toBe(200);
		expect((await send("GET", "/users?cursor=forged")).status).toBe(400);
		expect((await send("GET", "/users?limit=0")).status).toBe(400);
		expect((await send("GET", "/users?limit=1&limit=2")).status).toBe(400);
		expect((await send("GET", "/users?nope=1")).status).toBe(400);
		expect((await send("GET", "/users", { headers: { accept: "image/png" } })).status).toBe(406);
		expect((await send("GET", "/users", { token: null })).status).toBe(401);
		expect((await send("GET", `/users/export?${prefix}&format=ndjson`)).status).toBe(200);
		expect((await send("GET", `/users/export?${prefix}`, { headers: { accept: "text/csv" } })).status).toBe(200);
		expect((await send("GET", "/users/export?format=json")).status).toBe(400);
		expect((await send("GET", "/users/export", { headers: { accept: "text/plain" } })).status).toBe(406);
	});

	it("one row: read, conditional requests, replace, change, delete", async () => {
		const { etag } = await send("GET", `/users/${id("Brad")}`);
		expect(etag).toBeTruthy();
		expect((await send("GET", `/users/${id("Brad")}`, { headers: { "if-none-match": etag } })).status).toBe(304);
		expect((await send("GET", `/users/${id("nobody")}`)).status).toBe(404);
		expect((await send("GET", "/users/a%0Ab")).status).toBe(422);
		expect((await send("GET", `/users/${id("Brad")}?format=csv`)).status).toBe(400);
		expect((await send("PUT", `/users/${id("Zoe")}`, { body: { user_data: "new" } })).status).toBe(201);
		expect((await send("PUT", `/users/${id("Zoe")}`, { body: { user_data: "again" } })).status).toBe(200);
		expect((await send("PUT", `/users/${id("Zoe")}`, { body: { user_id: "other", user_data: "x" } })).status).toBe(422);
		expect(
			(await send("PUT", `/users/${id("Zoe")}`, { body: { user_data: "x" }, headers: { "if-match": '"stale"' } }))
				.status,
		).toBe(412);
		expect(
			(
				await send("PATCH", `/users/${id("Brad")}`, {
					body: { user_data: "Changed data" },
					headers: { "if-match": '"stale"' },
				})
			).status,
		).toBe(412);
		expect((await send("PATCH", `/users/${id("Brad")}`, { body: { user_data: "Changed data" } })).status).toBe(200);
		expect((await send("PATCH", `/users/${id("nobody")}`, { body: { user_data: "x" } })).status).toBe(404);
		expect((await send("PATCH", `/users/${id("Brad")}`, { body: "", type: "application/json" })).status).toBe(400);
		expect((await send("DELETE", `/users/${id("Zoe")}`)).status).toBe(204);
		expect((await send("DELETE", `/users/${id("Zoe")}`)).status).toBe(404);
		expect((await send("DELETE", `/users/${id("Brad")}`, { headers: { "if-match": '"stale"' } })).status).toBe(412);
	});

	it("mass and bulk updates and deletes", async () => {
		const bulk = [{ user_id: `${P}Brad`, user_data: "bulk data for Brad" }];
		expect((await send("PATCH", "/users", { body: bulk })).status).toBe(200);
		expect((await send("PATCH", "/users", { body: [{ user_id: `${P}nobody`, user_data: "x" }] })).status).toBe(404);
		expect((await send("PATCH", "/users", { body: [...bulk, ...bulk] })).status).toBe(409);
		expect((await send("PATCH", `/users?user_id=${id("Brad")}`, { body: bulk })).status).toBe(400);
		const prefix = `user_id_prefix=${encodeURIComponent(P)}`;
		expect((await send("PATCH", `/users?${prefix}`, { body: { user_data: "Mass update" } })).status).toBe(200);
		expect((await send("PATCH", "/users", { body: { user_data: "Mass update" } })).status).toBe(422);
		expect((await send("PATCH", "/users", { body: "x", type: "text/csv" })).status).toBe(415);
		expect((await send("DELETE", "/users")).status).toBe(422);
		expect((await send("DELETE", "/users?all=maybe")).status).toBe(400);
		expect((await send("DELETE", `/users?user_id=${id("Jane")}`, { token: READ })).status).toBe(403);
		expect((await send("DELETE", `/users?user_id=${id("Jane")}`)).status).toBe(200);
	});

	it("transactions: results, dry runs and each failure", async () => {
		const ops = (...operations) => ({ body: { operations } });
		expect(
			(
				await send(
					"POST",
					"/transactions",
					ops(
						{ op: "insert", rows: [{ user_id: `${P}Tx`, user_data: "pending" }] },
						{ op: "select", where: { user_id_prefix: `${P}T` } },
						{ op: "expect", user_id: `${P}Tx` },
					),
				)
			).status,
		).toBe(200);
		expect(
			(
				await send("POST", "/transactions", {
					body: { dry_run: true, operations: [{ op: "delete_where", all: true }] },
				})
			).status,
		).toBe(200);
		expect(
			(
				await send("POST", "/transactions", {
					body: { dry_run: true, operations: [{ op: "expect", user_id: `${P}nobody` }] },
				})
			).status,
		).toBe(409);
		expect((await send("POST", "/transactions", ops({ op: "expect", user_id: `${P}Tx`, exists: false }))).status).toBe(
			409,
		);
		expect((await send("POST", "/transactions", ops({ op: "insert", rows: [{ user_id: `${P}Tx` }] }))).status).toBe(
			409,
		);
		expect((await send("POST", "/transactions", ops({ op: "delete", user_ids: [`${P}nobody`] }))).status).toBe(404);
		expect((await send("POST", "/transactions", ops({ op: "delete_where" }))).status).toBe(422);
		expect(
			(await send("POST", "/transactions", { body: { operations: Array(1001).fill({ op: "select" }) } })).status,
		).toBe(413);
		expect((await send("POST", "/transactions", { body: "op\n", type: "text/csv" })).status).toBe(415);
		expect((await send("POST", "/transactions", { body: "[" })).status).toBe(400);
		expect((await send("DELETE", `/users?user_id_prefix=${encodeURIComponent(P)}`)).status).toBe(200);
	});

	it("sessions: open, stage, the pending view, commit, roll back, and each failure", async () => {
		/** Open a session through send() (checked like every answer) and return its id. */
		const open = async (body) => {
			const response = await fetch(`${base}/sessions`, {
				method: "POST",
				headers: { authorization: `Bearer ${WRITE}`, ...(body ? { "content-type": "application/json" } : {}) },
				body: body && JSON.stringify(body),
			});
			const text = await response.clone().text();
			expect(await mismatches("POST", "/sessions", response)).toEqual([]);
			return JSON.parse(text).session_id;
		};
		const s = await open({ ttl_s: 600 });
		const path = (rest = "") => `/sessions/${s}${rest}`;
		const stage = (...operations) => send("POST", path("/operations"), { body: { operations } });
		expect((await send("GET", path())).status).toBe(200);
		expect((await stage({ op: "insert", rows: [{ user_id: `${P}S1`, user_data: "staged" }] })).status).toBe(200);
		expect(
			(await stage({ op: "expect", user_id: `${P}S1` }, { op: "select", where: { user_id_prefix: P } })).status,
		).toBe(200);
		const prefix = `user_id_prefix=${encodeURIComponent(P)}`;
		for (const format of ["json", "ndjson", "csv", "text"]) {
			expect((await send("GET", path(`/users?${prefix}&format=${format}&count=exact&limit=1`))).status).toBe(200);
		}
		expect(await send("GET", path("/users?limit=0"))).toMatchObject({ status: 400 });
		expect((await send("GET", path("/users"), { headers: { accept: "image/png" } })).status).toBe(406);
		expect((await send("GET", path("/users"), { token: READ })).status).toBe(403);
		expect((await send("GET", path(`/users?user_id=${"x".repeat(33)}`))).status).toBe(400);
		expect((await stage({ op: "delete", user_ids: ["a", "a"] })).status).toBe(409);
		expect((await stage({ op: "delete_where" })).status).toBe(422);
		expect((await stage()).status).toBe(422);
		expect((await send("POST", path("/operations"), { body: "[" })).status).toBe(400);
		expect((await send("POST", path("/operations"), { body: "x", type: "text/csv" })).status).toBe(415);
		expect((await send("POST", path("/commit?dry_run=true"))).status).toBe(200);
		expect((await send("POST", path("/commit?dry_run=maybe"))).status).toBe(400);
		expect((await send("POST", path("/commit"))).status).toBe(200);
		expect((await send("POST", path("/commit"))).status).toBe(200);
		expect((await stage({ op: "select" })).status).toBe(409);
		expect((await send("DELETE", path())).status).toBe(409);

		const failing = await open();
		const at = (rest = "") => `/sessions/${failing}${rest}`;
		await send("POST", at("/operations"), {
			body: { operations: [{ op: "insert", rows: [{ user_id: `${P}S1` }] }] },
		});
		expect((await send("GET", at("/users"))).status).toBe(409);
		expect((await send("POST", at("/commit"))).status).toBe(409);
		const missing = await open();
		await send("POST", `/sessions/${missing}/operations`, {
			body: { operations: [{ op: "update", rows: [{ user_id: `${P}nobody`, user_data: "x" }] }] },
		});
		expect((await send("GET", `/sessions/${missing}/users`)).status).toBe(404);
		expect((await send("POST", `/sessions/${missing}/commit`)).status).toBe(404);
		expect((await send("DELETE", at())).status).toBe(204);
		expect((await send("DELETE", at())).status).toBe(404);
		expect((await send("GET", at())).status).toBe(404);
		expect((await send("POST", at("/operations"), { body: { operations: [{ op: "select" }] } })).status).toBe(404);
		expect((await send("POST", "/sessions", { body: { ttl_s: 1 } })).status).toBe(422);
		expect((await send("POST", "/sessions", { body: "{", type: "application/json" })).status).toBe(400);
		expect((await send("POST", "/sessions", { token: READ })).status).toBe(403);
		expect((await send("POST", "/sessions", { token: null })).status).toBe(401);
		await send("DELETE", `/sessions/${missing}`);
		expect((await send("DELETE", `/users?user_id_prefix=${encodeURIComponent(P)}`)).status).toBe(200);
	});

	it("Idempotency-Key: a replay, another request with the key, an ill-formed key", async () => {
		const key = `${P}key`;
		const one = { body: { user_id: `${P}Idem`, user_data: "once" }, headers: { "idempotency-key": key } };
		expect((await send("POST", "/users", one)).status).toBe(201);
		const again = await fetch(`${base}/users`, {
			method: "POST",
			headers: { authorization: `Bearer ${WRITE}`, "content-type": "application/json", "idempotency-key": key },
			body: JSON.stringify(one.body),
		});
		expect(again.headers.get("idempotent-replayed")).toBe("true");
		expect(await mismatches("POST", "/users", again)).toEqual([]);
		expect(
			(await send("POST", "/users", { body: { user_id: `${P}Other` }, headers: { "idempotency-key": key } })).status,
		).toBe(422);
		expect((await send("DELETE", `/users/${id("Idem")}`, { headers: { "idempotency-key": "" } })).status).toBe(400);
		expect((await send("DELETE", `/users/${id("Idem")}`, { headers: { "idempotency-key": `${key}-d` } })).status).toBe(
			204,
		);
	});

	it("covered every operation of the document", () => {
		const operations = Object.entries(spec.paths).flatMap(([path, ops]) =>
			Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
		);
		const answered = new Set([...seen].map((s) => s.split(" ").slice(0, 2).join(" ")));
		expect(operations.filter((op) => !answered.has(op))).toEqual([]);
	});
});
