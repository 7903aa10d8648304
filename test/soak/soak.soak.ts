// The soak (issue 11): N clients for M seconds against one D1 with random transient faults, doing reads, single
// and bulk writes, transactions and sessions; then every acknowledged write must be in the table exactly once.
import { env } from "cloudflare:workers";
import { expect, it, vi } from "vitest";
import { handle, request, WRITE } from "../client";
import { type Fault, faulty, type Moment } from "../faults";

const CLIENTS = Number(env.SOAK_CLIENTS ?? 8);
const SECONDS = Number(env.SOAK_SECONDS ?? 45);
const RATE = Number(env.SOAK_FAULT_RATE ?? 0.05);
const SEED = Number(env.SOAK_SEED ?? 1);
/** The share of clients that send an Idempotency-Key with every write. */
const KEYED = Number(env.SOAK_KEYED ?? 0.5);

/** mulberry32: one seeded stream for the faults and every client's choices (their interleaving is not seeded). */
function random(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const rng = random(SEED);
const int = (n: number) => Math.floor(rng() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const stats = {
	requests: 0,
	faults: 0,
	faultsBy: {} as Record<string, number>,
	retries: 0,
	replays: 0,
	dropped: 0,
	timedOut: 0,
	readBacks: 0,
	status: {} as Record<string, number>,
	writes: 0,
	acknowledged: 0,
	resolvedApplied: 0,
	resolvedNotApplied: 0,
	refused: 0,
	gaveUp: 0,
	reads: 0,
	sessions: { opened: 0, committed: 0, rolledBack: 0 },
	lost: 0,
	duplicated: 0,
	phantom: 0,
	errors500: [] as string[],
	causes500: {} as Record<string, number>,
	anomalies: [] as string[],
};

/** When the clients stop starting work; a write under way is still taken to its outcome. */
let end = Number.POSITIVE_INFINITY;
let injecting = true;
const { db } = faulty(env.DB, () => {
	if (!injecting || rng() >= RATE) return undefined;
	const fault = pick<Fault>(["lost", "overloaded", "reset"]);
	const moment: Moment = fault === "overloaded" ? "before" : pick(["before", "after"]);
	stats.faults++;
	stats.faultsBy[`${fault} ${moment}`] = (stats.faultsBy[`${fault} ${moment}`] ?? 0) + 1;
	return { fault, moment };
});
const bindings = { ...env, DB: db };

type Req = { method: string; path: string; body?: unknown };
type Answer = { status: number; text: string; body: any; replayed: boolean; committed?: string; type?: string };

const anomaly = (what: string) => {
	if (stats.anomalies.length < 50) stats.anomalies.push(what);
	else stats.anomalies.length++;
};

async function send(req: Req, key?: string): Promise<Answer> {
	stats.requests++;
	const headers: Record<string, string> = key ? { "idempotency-key": key } : {};
	const res = await handle(request(req.path, { method: req.method, body: req.body, token: WRITE, headers }), bindings);
	const text = await res.text();
	let body: any;
	try {
		body = text ? JSON.parse(text) : undefined;
	} catch {
		body = undefined;
	}
	const replayed = res.headers.get("idempotent-replayed") === "true";
	if (replayed) stats.replays++;
	const label = res.status === 503 ? `503 ${body?.committed ?? body?.type}` : String(res.status);
	stats.status[label] = (stats.status[label] ?? 0) + 1;
	if (res.status >= 500 && res.status !== 503) {
		stats.errors500.push(`${req.method} ${req.path.replace(/\?.*/, "")}${key ? " (keyed)" : ""}: ${text.slice(0, 60)}`);
	}
	return { status: res.status, text, body, replayed, committed: body?.committed, type: body?.type };
}

/** Rows of one client: user_id → user_data; ids start with the client's prefix, so no other client touches them. */
type Rows = Map<string, string | null>;
/** What a write does to its rows if it is applied: user_data, or `undefined` for deleted. */
type Effects = Map<string, string | null | undefined>;

type Write = {
	kind: string;
	req: Req;
	/** The status it answers when applied; a 4xx for a write that must fail (and change nothing). */
	ok: number;
	effects: Effects;
	/** The ids to read back to learn whether it was applied: its effects', or what a failed write must not touch. */
	touched: string[];
	/** What its first answer must say, when it says anything checkable. */
	check?: (body: any) => boolean;
};

const backoff = () => sleep(50 + int(200));

class Client {
	rows: Rows = new Map();
	/** Per id, the write that last set or deleted it, and when its outcome was known. */
	last = new Map<string, { seq: number; at: number }>();
	/** Every logical write: its outcome. */
	ledger = new Map<number, "acknowledged" | "applied" | "not-applied" | "refused">();
	inflight: Promise<unknown>[] = [];
	seq = 0;

	constructor(
		readonly n: number,
		readonly keyed: boolean,
	) {}

	get prefix() {
		return `c${this.n}-`;
	}
	value(kind: string) {
		return `c${this.n} s${this.seq} ${kind}`;
	}
	hot = (i: number) => `${this.prefix}h${i}`;
	marker = (suffix = "") => `${this.prefix}m${this.seq}${suffix}`;
	markers = () => [...this.rows.keys()].filter((id) => id.includes("-m"));
	existing = () => [...this.rows.keys()];

	apply(effects: Effects) {
		for (const [id, data] of effects) {
			if (data === undefined) this.rows.delete(id);
			else this.rows.set(id, data);
			this.last.set(id, { seq: this.seq, at: Date.now() });
		}
	}

	/** The client's rows as the service has them, every page (a read, retried while it is 503). */
	read(ids?: string[]): Promise<Rows | undefined> {
		const query = ids
			? ids.map((id) => `user_id=${encodeURIComponent(id)}`).join("&")
			: `user_id_prefix=${this.prefix}`;
		return list(`/users?${query}`);
	}

	/** Whether `write` was applied, from the rows it touches (read through the service, as a careful client does). */
	async readBack(write: Write): Promise<boolean | undefined> {
		await Promise.allSettled(this.inflight);
		stats.readBacks++;
		const found = await this.read(write.touched);
		if (!found) return undefined;
		const state = (effects?: Effects) =>
			JSON.stringify(
				write.touched.map((id) => (effects?.has(id) ? (effects.get(id) ?? "∅") : (this.rows.get(id) ?? "∅"))),
			);
		const seen = JSON.stringify(write.touched.map((id) => found.get(id) ?? "∅"));
		if (write.effects.size > 0 && seen === state(write.effects)) return true;
		if (seen === state()) return false;
		anomaly(`s${this.seq} ${write.kind}: read back neither applied nor not: ${seen} (before ${state()})`);
		// Take the rows as they are, so that one fault is reported once.
		for (const id of write.touched) {
			if (found.has(id)) this.rows.set(id, found.get(id) ?? null);
			else this.rows.delete(id);
		}
		return undefined;
	}

	settle(write: Write, applied: boolean | undefined, how: "acknowledged" | "resolved") {
		if (applied) {
			this.apply(write.effects);
			if (how === "acknowledged") stats.acknowledged++;
			else stats.resolvedApplied++;
			this.ledger.set(this.seq, how === "acknowledged" ? "acknowledged" : "applied");
		} else {
			if (applied === false && how === "resolved") stats.resolvedNotApplied++;
			this.ledger.set(this.seq, "not-applied");
		}
	}

	/** One logical write, to its outcome: retried as the client's kind of client would. */
	async write(write: Write): Promise<boolean | undefined> {
		stats.writes++;
		const key = this.keyed ? `soak-${SEED}-c${this.n}-s${this.seq}-${int(1e9)}` : undefined;
		let stuck = 0;
		let first: string | undefined;
		for (let attempt = 0; ; attempt++) {
			if (attempt > 0) {
				stats.retries++;
				await backoff();
			}
			if (attempt >= 30 || (attempt > 0 && Date.now() > end)) {
				stats.gaveUp++;
				const applied = await this.readBack(write);
				this.settle(write, applied, "resolved");
				return applied;
			}
			let a: Answer | undefined;
			const sending = send(write.req, key);
			const lose = rng();
			if (key && lose < 0.03) {
				// The client's timeout fires while the request is still running: it sends it again, concurrently.
				stats.timedOut++;
				this.inflight.push(sending);
				await Promise.race([sending, sleep(int(30))]);
				continue;
			}
			a = await sending;
			if (lose < 0.06) {
				// The answer is lost on the way back (the connection dropped after the request ran).
				stats.dropped++;
				first ??= a.status < 300 ? a.text : undefined;
				a = undefined;
			}
			if (a && a.status < 300) {
				if (a.status !== write.ok) anomaly(`s${this.seq} ${write.kind}: ${a.status}, expected ${write.ok}`);
				if (a.replayed && first !== undefined && a.text !== first)
					anomaly(`s${this.seq} ${write.kind}: the replay differs from the first answer`);
				if (!a.replayed && write.check && !write.check(a.body))
					anomaly(`s${this.seq} ${write.kind}: answer ${a.text.slice(0, 120)}`);
				this.settle(write, write.ok < 300, "acknowledged");
				return true;
			}
			if (a && a.status === 409 && a.type === "/problems/idempotency-key-in-use") {
				// Still running, or committed with no answer kept: wait once, then read what it wrote.
				if (++stuck < 2) continue;
			} else if (a && a.status >= 400 && a.status < 500) {
				if (a.status !== write.ok) {
					anomaly(`s${this.seq} ${write.kind} ${write.req.method} ${write.req.path}: ${a.text.slice(0, 160)}`);
					const applied = await this.readBack(write);
					this.settle(write, applied, "resolved");
					return applied;
				}
				stats.refused++;
				this.ledger.set(this.seq, "refused");
				return false;
			} else if (a?.status === 503 && a.committed === "no") {
				continue;
			} else if (key && !(a?.status === 503 && a.committed === "yes") && (a?.status !== 500 || ++stuck < 2)) {
				// 503 unknown, a 500 (once), a lost answer: the key makes sending it again safe.
				continue;
			}
			// Without a key (or after committed "yes"): read what the request wrote.
			const applied = await this.readBack(write);
			if (applied === false && a?.committed === "yes")
				anomaly(`s${this.seq} ${write.kind}: committed "yes" but absent`);
			this.settle(write, applied, "resolved");
			return applied;
		}
	}

	/** A read of the client's own rows; with no write of its own in flight they must equal the model. */
	async check(what: string) {
		await Promise.allSettled(this.inflight);
		const found = await this.read();
		if (!found) return;
		const model = JSON.stringify([...this.rows].sort());
		const seen = JSON.stringify([...found].sort());
		if (seen !== model) {
			const diff = [...new Set([...this.rows.keys(), ...found.keys()])].filter(
				(id) => this.rows.get(id) !== found.get(id) || this.rows.has(id) !== found.has(id),
			);
			anomaly(
				`c${this.n} ${what}: ${found.size} rows, model ${this.rows.size}; ${diff.length} differ, e.g. ${diff[0]}: ${JSON.stringify(found.get(diff[0]))}, model ${JSON.stringify(this.rows.get(diff[0]))}`,
			);
			this.rows = found;
		}
	}

	async step() {
		this.seq++;
		const kinds = [
			["read", 4],
			["post-one", 3],
			["post-bulk", 2],
			["put", 2],
			["patch-one", 2],
			["patch-bulk", 1],
			["patch-where", 1],
			["delete-one", 2],
			["delete-where", 1],
			["transaction", 3],
			["failing", 1],
			["session", 2],
		] as const;
		let roll = int(kinds.reduce((n, [, w]) => n + w, 0));
		let kind: (typeof kinds)[number][0] = "read";
		for (const [name, weight] of kinds) {
			roll -= weight;
			if (roll < 0) {
				kind = name;
				break;
			}
		}
		if (kind === "read") return this.check("read");
		if (kind === "session") return this.session();
		await this.write(this.plan(kind));
	}

	/** The request for one logical write of `kind`, and what it does to the rows if applied. */
	plan(kind: string): Write {
		const effects: Effects = new Map();
		const v = this.value(kind);
		const markers = this.markers();
		const some = (list: string[], max: number) =>
			[...list].sort(() => rng() - 0.5).slice(0, 1 + int(Math.min(max, list.length)));
		const done = (req: Req, ok: number, check?: Write["check"], touched = [...effects.keys()]): Write => ({
			kind,
			req,
			ok,
			effects,
			touched,
			check,
		});
		switch (kind) {
			case "post-bulk": {
				const rows = Array.from({ length: 2 + int(11) }, (_, k) => ({ user_id: this.marker(`-${k}`), user_data: v }));
				const upsert = rng() < 0.4;
				if (upsert) rows.push({ user_id: this.hot(int(4)), user_data: v });
				for (const r of rows) effects.set(r.user_id, r.user_data);
				const query = [upsert ? "on_conflict=update" : "", rng() < 0.3 ? "return=minimal" : ""].filter(Boolean);
				return done(
					{ method: "POST", path: `/users${query.length ? `?${query.join("&")}` : ""}`, body: rows },
					201,
					(b) => (upsert ? true : b.count === rows.length),
				);
			}
			case "put": {
				const id = this.hot(int(4));
				effects.set(id, v);
				const ok = this.rows.has(id) ? 200 : 201;
				return done({ method: "PUT", path: `/users/${id}`, body: { user_data: v } }, ok, (b) => b.user_data === v);
			}
			case "patch-one": {
				if (this.rows.size === 0) return this.plan("put");
				const id = pick(this.existing());
				effects.set(id, v);
				return done({ method: "PATCH", path: `/users/${id}`, body: { user_data: v } }, 200, (b) => b.user_data === v);
			}
			case "patch-bulk": {
				if (this.rows.size === 0) return this.plan("post-bulk");
				const ids = some(this.existing(), 6);
				for (const id of ids) effects.set(id, v);
				const body = ids.map((user_id) => ({ user_id, user_data: v }));
				return done({ method: "PATCH", path: "/users", body }, 200, (b) => b.count === ids.length);
			}
			case "patch-where": {
				const ids = [0, 1, 2, 3].map(this.hot).filter((id) => this.rows.has(id));
				if (ids.length === 0) return this.plan("put");
				for (const id of ids) effects.set(id, v);
				const path = `/users?user_id_prefix=${this.prefix}h`;
				return done({ method: "PATCH", path, body: { user_data: v } }, 200, (b) => b.count === ids.length);
			}
			case "delete-one": {
				if (markers.length === 0) return this.plan("post-one");
				const id = pick(markers);
				effects.set(id, undefined);
				return done({ method: "DELETE", path: `/users/${id}` }, 204);
			}
			case "delete-where": {
				if (markers.length === 0) return this.plan("post-bulk");
				// Up to 20, so that the markers that inserts add are taken away about as fast.
				const ids = some(markers, 20);
				for (const id of ids) effects.set(id, undefined);
				const path = `/users?${ids.map((id) => `user_id=${id}`).join("&")}`;
				return done({ method: "DELETE", path }, 200, (b) => b.count === ids.length);
			}
			case "transaction": {
				const operations = this.operations(v, effects, this.rows);
				return done(
					{ method: "POST", path: "/transactions", body: { operations } },
					200,
					(b) => Array.isArray(b.results) && b.results.length === operations.length,
				);
			}
			case "failing": {
				// Must fail whole: a fresh row, then an insert of a row that exists (or a delete of one that does not).
				const fresh = this.marker();
				const operations: unknown[] = [{ op: "insert", rows: [{ user_id: fresh, user_data: v }] }];
				const existing = this.existing();
				if (existing.length > 0) operations.push({ op: "insert", rows: [{ user_id: pick(existing), user_data: v }] });
				else operations.push({ op: "delete", user_ids: [this.marker("-none")] });
				const req = { method: "POST", path: "/transactions", body: { operations } };
				return done(req, existing.length > 0 ? 409 : 404, undefined, [fresh]);
			}
			default: {
				const id = this.marker();
				effects.set(id, v);
				return done(
					{ method: "POST", path: "/users", body: { user_id: id, user_data: v } },
					201,
					(b) => b.user_id === id,
				);
			}
		}
	}

	/** A few operations that all succeed against `rows` (and update `effects` with what they do). */
	operations(v: string, effects: Effects, rows: Rows, tag = ""): unknown[] {
		const now = (id: string) => (effects.has(id) ? effects.get(id) : rows.get(id));
		const present = () => [...new Set([...rows.keys(), ...effects.keys()])].filter((id) => now(id) !== undefined);
		const operations: unknown[] = [];
		const inserts = Array.from({ length: 1 + int(4) }, (_, k) => ({
			user_id: this.marker(`${tag}-${k}`),
			user_data: v,
		}));
		operations.push({ op: "insert", rows: inserts });
		for (const r of inserts) effects.set(r.user_id, v);
		const hot = this.hot(int(4));
		if (rng() < 0.5 && now(hot) !== undefined)
			operations.push({ op: "expect", user_id: hot, exists: true, user_data: now(hot) });
		operations.push({ op: "upsert", rows: [{ user_id: hot, user_data: v }] });
		effects.set(hot, v);
		const others = present().filter((id) => !inserts.some((r) => r.user_id === id) && id !== hot);
		if (others.length > 0 && rng() < 0.6) {
			const id = pick(others);
			operations.push({ op: "update", rows: [{ user_id: id, user_data: v }] });
			effects.set(id, v);
		}
		const old = present().filter((id) => id.includes("-m") && !inserts.some((r) => r.user_id === id));
		if (old.length > 0 && rng() < 0.5) {
			const id = pick(old);
			operations.push({ op: "delete", user_ids: [id] });
			effects.set(id, undefined);
		}
		if (rng() < 0.3) operations.push({ op: "select", where: { user_id_prefix: this.prefix }, limit: 5 });
		return operations;
	}

	/** Open, stage a few times, view, then commit or roll back. */
	async session() {
		const v = this.value("session");
		const open: Write = {
			kind: "session-open",
			req: { method: "POST", path: "/sessions", body: { ttl_s: 600 } },
			ok: 201,
			effects: new Map(),
			touched: [],
		};
		const opened = await this.raw(open);
		if (!opened) return;
		stats.sessions.opened++;
		const id = opened.session_id as string;
		let pending: Effects = new Map();
		let operations = 0;
		for (let stage = 0; stage < 1 + int(3); stage++) {
			const next = new Map(pending);
			const staged = this.operations(v, next, this.rows, `-${stage}`);
			const answer = await this.raw(
				{
					kind: "session-stage",
					req: { method: "POST", path: `/sessions/${id}/operations`, body: { operations: staged } },
					ok: 200,
					effects: new Map(),
					touched: [],
				},
				async () => {
					const s = await this.sessionState(id);
					return s?.operations;
				},
			);
			if (answer === undefined) return anomaly(`s${this.seq} session stage: no outcome`);
			const count = typeof answer === "number" ? answer : answer.operations;
			if (count === operations) {
				// Not applied (learned by reading the session): its ops are not staged; stop staging here.
				break;
			}
			operations += staged.length;
			pending = next;
			if (count !== operations) anomaly(`s${this.seq} session: ${count} operations staged, expected ${operations}`);
		}
		const view = await this.viewSession(id);
		if (view) {
			const expected = new Map(this.rows);
			for (const [k, d] of pending) d === undefined ? expected.delete(k) : expected.set(k, d);
			if (JSON.stringify([...view].sort()) !== JSON.stringify([...expected].sort()) && operations > 0)
				anomaly(`s${this.seq} session view differs from the model`);
		}
		if (operations === 0 || rng() < 0.3) {
			const gone = await this.raw(
				{
					kind: "session-rollback",
					req: { method: "DELETE", path: `/sessions/${id}` },
					ok: 204,
					effects: new Map(),
					touched: [],
				},
				async () => ((await this.sessionState(id)) === null ? true : undefined),
			);
			if (gone) stats.sessions.rolledBack++;
			return this.check("after rollback");
		}
		// Only what was staged is applied; the staged effects were computed in order on `pending`.
		const applied = await this.write({
			kind: "session-commit",
			req: { method: "POST", path: `/sessions/${id}/commit` },
			ok: 200,
			effects: pending,
			touched: [...pending.keys()],
			check: (b) => b.state === "committed",
		});
		if (applied) stats.sessions.committed++;
	}

	/**
	 * A session write whose outcome the table does not show: sent until it answers, with the key if the client
	 * has keys; without, a 503 "no" is sent again and any other failure is learned by `probe`.
	 */
	async raw(write: Write, probe?: () => Promise<unknown>): Promise<any> {
		stats.writes++;
		const key = this.keyed ? `soak-${SEED}-c${this.n}-s${this.seq}-${write.kind}-${int(1e9)}` : undefined;
		let stuck = 0;
		for (let attempt = 0; attempt < 30; attempt++) {
			if (attempt > 0) {
				stats.retries++;
				await backoff();
			}
			const a = await send(write.req, key);
			if (a.status === write.ok) {
				stats.acknowledged++;
				return a.body ?? true;
			}
			if (a.status === 503 && a.committed === "no") continue;
			const inUse = a.status === 409 && a.type === "/problems/idempotency-key-in-use";
			if (a.status >= 400 && a.status < 500 && !inUse) {
				anomaly(`s${this.seq} ${write.kind}: ${a.text.slice(0, 160)}`);
				return undefined;
			}
			// 503 unknown, a 500: the key makes sending it again safe.
			if (key && !inUse && a.committed !== "yes" && (a.status !== 500 || ++stuck < 2)) continue;
			// Else ask the session. An open whose answer is lost leaves a session nobody uses (it expires): open
			// another (no key), or give this one up (its key answers in-use from now on).
			if (!probe) {
				if (key) return undefined;
				continue;
			}
			const learned = await probe();
			if (learned !== undefined) return learned;
		}
		stats.gaveUp++;
		return undefined;
	}

	/** The session's state (GET, retried while 503): null once it is gone. */
	async sessionState(id: string): Promise<{ operations: number } | null | undefined> {
		for (let attempt = 0; attempt < 30; attempt++) {
			const a = await send({ method: "GET", path: `/sessions/${id}` });
			if (a.status === 200) return a.body;
			if (a.status === 404) return null;
			stats.retries++;
			await backoff();
		}
		return undefined;
	}

	viewSession(id: string): Promise<Rows | undefined> {
		return list(`/sessions/${id}/users?user_id_prefix=${this.prefix}`);
	}
}

/** Every page of a list read, each retried while it is 503; undefined if one never answers. */
async function list(path: string): Promise<Rows | undefined> {
	const rows: Rows = new Map();
	let cursor: string | null = null;
	do {
		let page: any;
		for (let attempt = 0; attempt < 30 && page === undefined; attempt++) {
			if (attempt > 0) {
				stats.retries++;
				await backoff();
			}
			stats.reads++;
			const a = await send({
				method: "GET",
				path: `${path}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
			});
			if (a.status === 200) page = a.body;
			else if (a.status !== 503) {
				anomaly(`GET ${path.replace(/\?.*/, "")} answered ${a.status}: ${a.text.slice(0, 80)}`);
				return undefined;
			}
		}
		if (page === undefined) return undefined;
		for (const r of page.data) rows.set(r.user_id, r.user_data);
		cursor = page.next_cursor;
	} while (cursor);
	return rows;
}

type TableRow = { user_id: string; user_data: string | null; time_stamp: string };

/**
 * The final table against every client's model. A row unlike the model is a lost write (the model's last write
 * of it is not there), a duplicated one (an earlier acknowledged write's value, written after that last write)
 * or a phantom (the value of a write the client was told failed or learned was not applied).
 */
function verify(clients: Client[], table: TableRow[]) {
	const found = { lost: 0, duplicated: 0, phantom: 0, notes: [] as string[] };
	const byId = new Map(table.map((r) => [r.user_id, r]));
	const seqOf = (data: string | null | undefined) => Number(/ s(\d+) /.exec(data ?? "")?.[1] ?? Number.NaN);
	for (const row of table) {
		if (!clients.some((c) => row.user_id.startsWith(c.prefix)))
			found.notes.push(`a row no client wrote: ${row.user_id}`);
	}
	for (const c of clients) {
		const ids = new Set([
			...c.rows.keys(),
			...table.filter((r) => r.user_id.startsWith(c.prefix)).map((r) => r.user_id),
		]);
		for (const id of ids) {
			const want = c.rows.get(id);
			const got = byId.get(id);
			if (want === got?.user_data && (want !== undefined) === (got !== undefined)) continue;
			const last = c.last.get(id);
			const seq = seqOf(got?.user_data);
			const outcome = c.ledger.get(seq);
			const what = `c${c.n} ${id}: table ${JSON.stringify(got?.user_data)}, model ${JSON.stringify(want)}`;
			const earlier = last !== undefined && seq < last.seq;
			if (got === undefined || (earlier && Date.parse(got.time_stamp) <= last.at)) {
				found.lost++;
				found.notes.push(`lost: ${what}`);
			} else if (earlier && (outcome === "acknowledged" || outcome === "applied")) {
				found.duplicated++;
				found.notes.push(`duplicated: ${what}`);
			} else {
				found.phantom++;
				found.notes.push(`phantom (${outcome ?? "unknown"} write): ${what}`);
			}
		}
	}
	return found;
}

it("the final check tells lost, duplicated and phantom writes apart", () => {
	const c = new Client(0, false);
	const write = (
		seq: number,
		id: string,
		data: string | undefined,
		outcome: "acknowledged" | "refused",
		at: number,
	) => {
		c.seq = seq;
		c.ledger.set(seq, outcome);
		if (outcome === "refused") return;
		c.apply(new Map([[id, data]]));
		c.last.set(id, { seq, at });
	};
	const t0 = Date.parse("2026-01-01T00:00:00.000Z");
	write(1, "c0-a", "c0 s1 post-one", "acknowledged", t0);
	write(2, "c0-a", "c0 s2 put", "acknowledged", t0 + 1000);
	write(3, "c0-b", "c0 s3 post-one", "acknowledged", t0 + 2000);
	write(4, "c0-c", "c0 s4 post-one", "acknowledged", t0 + 3000);
	write(5, "c0-c", undefined, "acknowledged", t0 + 4000);
	write(6, "c0-d", "c0 s6 failing", "refused", t0 + 5000);
	const at = (ms: number) => new Date(t0 + ms).toISOString();
	const result = verify(
		[c],
		[
			// s2 never landed: c0-a still has s1's value, written before s2 was acknowledged.
			{ user_id: "c0-a", user_data: "c0 s1 post-one", time_stamp: at(500) },
			// c0-b is missing: lost. c0-c, deleted by s5, has s4's value again, written after s5: duplicated.
			{ user_id: "c0-c", user_data: "c0 s4 post-one", time_stamp: at(4500) },
			// s6 was refused, yet its row is there: phantom.
			{ user_id: "c0-d", user_data: "c0 s6 failing", time_stamp: at(5500) },
		],
	);
	expect(result).toMatchObject({ lost: 2, duplicated: 1, phantom: 1 });
	expect(verify([c], [])).toMatchObject({ lost: 2, duplicated: 0, phantom: 0 });
});

it(`${CLIENTS} clients for ${SECONDS} s, faults on ${RATE * 100}% of D1 round trips: no write lost or applied twice`, async () => {
	const print = console.log.bind(console);
	// The Worker logs a line per request; the soak's summary is what matters here.
	vi.spyOn(console, "log").mockImplementation(() => {});
	// A 500's own log line (src/index.ts onError): where in src/ it was thrown, and what.
	vi.spyOn(console, "error").mockImplementation((line: unknown) => {
		try {
			const { error, stack } = JSON.parse(String(line));
			const where = /at (\S+) \(.*?(src\/[\w/.-]+):(\d+)/.exec(stack ?? "");
			const cause = `${error} at ${where ? `${where[1]} (${where[2]}:${where[3]})` : "?"}`;
			stats.causes500[cause] = (stats.causes500[cause] ?? 0) + 1;
		} catch {
			stats.causes500[String(line).slice(0, 100)] = (stats.causes500[String(line).slice(0, 100)] ?? 0) + 1;
		}
	});
	const started = Date.now();
	end = started + SECONDS * 1000;
	const clients = Array.from({ length: CLIENTS }, (_, n) => new Client(n, n < Math.round(CLIENTS * KEYED)));
	try {
		await Promise.all(
			clients.map(async (c) => {
				while (Date.now() < end) await c.step();
				await Promise.allSettled(c.inflight);
			}),
		);
	} finally {
		injecting = false;
		vi.restoreAllMocks();
	}
	const ran = (Date.now() - started) / 1000;
	const { results } = await env.DB.prepare(
		"SELECT user_id, user_data, time_stamp FROM userdata ORDER BY user_id",
	).all();
	const found = verify(clients, results as TableRow[]);
	Object.assign(stats, { lost: found.lost, duplicated: found.duplicated, phantom: found.phantom });
	for (const note of found.notes) anomaly(note);

	const line = (name: string, value: unknown) => `  ${name.padEnd(22)}${value}`;
	print(
		[
			"",
			`soak: ${CLIENTS} clients (${clients.filter((c) => c.keyed).length} with Idempotency-Key) for ${ran.toFixed(1)} s, fault rate ${RATE}, seed ${SEED}`,
			line("requests sent", stats.requests),
			line(
				"faults injected",
				`${stats.faults} (${Object.entries(stats.faultsBy)
					.map(([k, n]) => `${k} ${n}`)
					.join(", ")})`,
			),
			line("retries", stats.retries),
			line("replays", stats.replays),
			line("answers lost", `${stats.dropped} (and ${stats.timedOut} timed out, sent again at once)`),
			line("read-backs", stats.readBacks),
			line(
				"writes",
				`${stats.writes}: ${stats.acknowledged} acknowledged, ${stats.resolvedApplied} applied and ${stats.resolvedNotApplied} not (read back), ${stats.refused} refused as planned, ${stats.gaveUp} given up`,
			),
			line(
				"sessions",
				`${stats.sessions.opened} opened, ${stats.sessions.committed} committed, ${stats.sessions.rolledBack} rolled back`,
			),
			line(
				"statuses",
				Object.entries(stats.status)
					.sort()
					.map(([k, n]) => `${k}: ${n}`)
					.join(", "),
			),
			line("rows at the end", results.length),
			line("lost", stats.lost),
			line("duplicated", stats.duplicated),
			line("phantom", stats.phantom),
			line("500s", stats.errors500.length),
			...Object.entries(stats.causes500)
				.sort(([, a], [, b]) => b - a)
				.map(([cause, n]) => `    ${n} × ${cause}`),
			...(stats.errors500.length > 0
				? [
						`    on ${[...new Set(stats.errors500.map((e) => e.replace(/\/[0-9a-f]{32}|\/c\d+-[\w.-]+/g, "/…").replace(/:.*/, "")))].sort().join(", ")}`,
					]
				: []),
			line("anomalies", stats.anomalies.length),
			...stats.anomalies.slice(0, 20).map((a) => `    ${a}`),
			"",
		].join("\n"),
	);
	expect(stats.lost, "lost writes").toBe(0);
	expect(stats.duplicated, "duplicated writes").toBe(0);
	expect(stats.phantom, "phantom writes").toBe(0);
	expect(stats.errors500.length, "500s").toBe(0);
	expect(stats.anomalies.length, "anomalies").toBe(0);
});
