#!/usr/bin/env node
// Crash safety: SIGKILL `wrangler dev` in the middle of a stream of bulk writes, restart it,
// and check that every acknowledged write is there and every other one is all there or not at all.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const WRANGLER = path.join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
const PORT = Number(process.env.CRASH_PORT ?? 8830);
const BASE = `http://127.0.0.1:${PORT}`;
const TOKEN = "crash-write-token";
const CYCLES = Number(process.env.CRASH_CYCLES ?? 3);
const WRITERS = 3;
const ROWS = 2_000; // rows per bulk write
const KILL_AFTER_MS = 2_500;

const state = mkdtempSync(path.join(tmpdir(), "userdata-crash-"));
const log = (line) => console.log(`[crash] ${line}`);
const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
let server;

function wrangler(args, options = {}) {
	return spawnSync(process.execPath, [WRANGLER, ...args], {
		cwd: ROOT,
		env: { ...process.env, CI: "true" },
		...options,
	});
}

async function start() {
	server = spawn(
		process.execPath,
		[
			WRANGLER,
			"dev",
			"--port",
			String(PORT),
			"--ip",
			"127.0.0.1",
			"--persist-to",
			state,
			"--var",
			`READ_TOKEN:${TOKEN}`,
			"--var",
			`WRITE_TOKEN:${TOKEN}`,
		],
		{ cwd: ROOT, env: { ...process.env, CI: "true" }, detached: true, stdio: ["ignore", "ignore", "ignore"] },
	);
	for (let waited = 0; waited < 60_000; waited += 250) {
		try {
			if ((await fetch(`${BASE}/healthz`)).ok) return;
		} catch {}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error("wrangler dev did not answer /healthz within 60 s");
}

/** SIGKILL wrangler and everything it started (workerd): no chance to flush or shut down. */
function kill() {
	if (!server) return;
	try {
		process.kill(-server.pid, "SIGKILL");
	} catch {}
	server = undefined;
}
process.on("exit", kill);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

/** Every write, by id prefix: what it set, and whether its answer came back. */
const writes = [];

async function writer(cycle, w, until) {
	for (let n = 0; Date.now() < until; n++) {
		const prefix = `c${cycle}w${w}n${n}-`;
		const insert = { prefix, kind: "insert", acknowledged: false };
		writes.push(insert);
		const rows = Array.from({ length: ROWS }, (_, i) => ({ user_id: `${prefix}${i}`, user_data: "inserted" }));
		try {
			const res = await fetch(`${BASE}/users?return=minimal`, { method: "POST", headers, body: JSON.stringify(rows) });
			insert.acknowledged = res.status === 201;
			if (!insert.acknowledged) return;
		} catch {
			return; // the server died under this request
		}
		const update = { prefix, kind: "update", acknowledged: false };
		writes.push(update);
		try {
			const res = await fetch(`${BASE}/users`, {
				method: "PATCH",
				headers,
				body: JSON.stringify(rows.map((r) => ({ user_id: r.user_id, user_data: "updated" }))),
			});
			update.acknowledged = res.status === 200;
		} catch {
			return;
		}
	}
}

async function count(prefix, user_data) {
	const query = new URLSearchParams({ user_id_prefix: prefix, count: "exact", limit: "1" });
	if (user_data) query.set("user_data", user_data);
	const res = await fetch(`${BASE}/users?${query}`, { headers });
	if (!res.ok) throw new Error(`GET /users answered ${res.status}`);
	return (await res.json()).total;
}

/** Check every write against the table; return the violations. */
async function verify() {
	const violations = [];
	const byPrefix = new Map();
	for (const w of writes) byPrefix.set(w.prefix, [...(byPrefix.get(w.prefix) ?? []), w]);
	for (const [prefix, [insert, update]] of byPrefix) {
		const present = await count(prefix);
		if (insert.acknowledged && present !== ROWS)
			violations.push(`${prefix}: acknowledged insert, ${present}/${ROWS} rows`);
		if (!insert.acknowledged && present !== 0 && present !== ROWS)
			violations.push(`${prefix}: torn insert, ${present}/${ROWS} rows`);
		if (update) {
			const updated = await count(prefix, "updated");
			if (update.acknowledged && updated !== ROWS)
				violations.push(`${prefix}: acknowledged update, ${updated}/${ROWS} rows`);
			if (!update.acknowledged && updated !== 0 && updated !== ROWS)
				violations.push(`${prefix}: torn update, ${updated}/${ROWS} rows`);
		}
	}
	return violations;
}

try {
	log(`state in ${state}; applying migrations`);
	const migrate = wrangler(["d1", "migrations", "apply", "userdata", "--local", "--persist-to", state]);
	if (migrate.status !== 0) throw new Error(`migrations failed: ${migrate.stderr}`);
	for (let cycle = 1; cycle <= CYCLES; cycle++) {
		await start();
		const until = Date.now() + KILL_AFTER_MS + 5_000;
		const writers = Array.from({ length: WRITERS }, (_, w) => writer(cycle, w, until));
		await new Promise((r) => setTimeout(r, KILL_AFTER_MS));
		kill();
		await Promise.allSettled(writers);
		const mine = writes.filter((w) => w.prefix.startsWith(`c${cycle}w`));
		log(
			`cycle ${cycle}: killed wrangler dev with SIGKILL after ${KILL_AFTER_MS} ms: ${mine.filter((w) => w.acknowledged).length} writes acknowledged, ${mine.filter((w) => !w.acknowledged).length} cut off`,
		);
		await start();
		const violations = await verify();
		if (violations.length > 0) {
			for (const v of violations) log(`VIOLATION ${v}`);
			throw new Error(`${violations.length} writes were lost or torn`);
		}
		log(
			`cycle ${cycle}: after restart, all ${writes.length} writes so far are whole: acknowledged ones present, cut-off ones all or nothing`,
		);
		kill();
	}
	const acknowledged = writes.filter((w) => w.acknowledged).length;
	log(`${CYCLES} crashes, ${writes.length} bulk writes of ${ROWS} rows (${acknowledged} acknowledged): 0 lost, 0 torn`);
} catch (error) {
	log(`FAILED: ${error.message}`);
	process.exitCode = 1;
} finally {
	kill();
	rmSync(state, { recursive: true, force: true });
}
