// One measurement each: a bulk write, a load run, a paged walk, an export; and the workerd process's CPU and memory.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { TOKENS } from "./servers.mjs";

const AUTH = { authorization: `Bearer ${TOKENS.write}` };
const JSON_BODY = { ...AUTH, "content-type": "application/json" };
/** Linux counts process CPU time in clock ticks of 10 ms (USER_HZ = 100). */
const TICK_MS = 10;

/** A server's name in an error: its runner too, when the run has several. */
const who = (server) => (server.runner ? `${server.runner} ${server.name}` : server.name);

/** The servers in the given order on even repetitions and reversed on odd ones, so that noise hits each alike. */
export const ordered = (servers, rep) => (rep % 2 === 0 ? servers : [...servers].reverse());

/** The median of the defined numbers (the lower middle one of an even count), or undefined. */
export const median = (values) => {
	const sorted = values.filter((v) => v !== undefined && !Number.isNaN(v)).sort((a, b) => a - b);
	return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : undefined;
};

export const bulkId = (i) => `bulk-${String(i).padStart(7, "0")}`;
export const pointId = (i) => `point-${String(i).padStart(5, "0")}`;

/** The request bodies of the bulk writes of `n` rows, built once so that building them is not timed. */
export function bulkBodies(n) {
	const ids = Array.from({ length: n }, (_, i) => bulkId(i));
	return {
		insert: JSON.stringify(ids.map((user_id, i) => ({ user_id, user_data: `bulk data for row ${i}` }))),
		update: JSON.stringify(ids.map((user_id, i) => ({ user_id, user_data: `updated data for row ${i}` }))),
	};
}

/** The user+system CPU time a process has used so far, in ms. */
export function cpuMs(pid) {
	const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
	const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
	return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

export function rssKb(pid) {
	const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
	return match ? Number(match[1]) : 0;
}

/** `name;dur=12.5` entries of a Server-Timing header, as { name: ms }. */
export function serverTiming(header) {
	const timings = {};
	for (const part of (header ?? "").split(",")) {
		const match = /^\s*([\w-]+).*?;dur=([\d.]+)/.exec(part);
		if (match) timings[match[1]] = Number(match[2]);
	}
	return timings;
}

/** The D1 figures the service's Server-Timing `db` entry describes (the baseline's has none: NaN). */
function d1Figures(header) {
	const figure = (pattern) => Number(pattern.exec(header ?? "")?.[1] ?? Number.NaN);
	return {
		statements: figure(/D1 (\d+) statements/),
		rowsRead: figure(/(\d+) rows read/),
		rowsWritten: figure(/(\d+) rows written/),
	};
}

/**
 * No single request of the bench takes a tenth of this (a 1,000,000-row commit about 3 s): one that does is a stall,
 * and fails the run with its server named rather than hanging it.
 */
const REQUEST_TIMEOUT_MS = 120_000;

async function request(server, method, path, body) {
	const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
	const res = await fetch(`${server.url}${path}`, { method, headers: body ? JSON_BODY : AUTH, body, signal }).catch(
		(error) => {
			throw new Error(
				`${who(server)}: ${method} ${path}: ${error.name === "TimeoutError" ? `no answer in ${REQUEST_TIMEOUT_MS / 1000} s` : error.message}`,
			);
		},
	);
	const text = await res.text();
	if (!res.ok) {
		const log = readFileSync(server.log, "utf8").split("\n").slice(-30).join("\n");
		throw new Error(`${who(server)}: ${method} ${path} answered ${res.status}: ${text.slice(0, 300)}\n${log}`);
	}
	return { res, text };
}

const BULK = {
	// A bulk loader wants the count, not 100,000 rows echoed back: ?return=minimal.
	insert: (bodies) => ["POST", "/users?return=minimal", bodies.insert],
	update: (bodies) => ["PATCH", "/users", bodies.update],
	delete: () => ["DELETE", "/users?user_id_prefix=bulk-"],
};

/** One bulk write of `n` rows, timed from the first byte sent to the last byte of the answer. */
export async function bulk(server, op, n, bodies) {
	const [method, path, body] = BULK[op](bodies);
	const cpuBefore = cpuMs(server.workerd);
	const started = performance.now();
	const { res, text } = await request(server, method, path, body);
	const ms = performance.now() - started;
	const cpu = cpuMs(server.workerd) - cpuBefore;
	const { count } = JSON.parse(text);
	if (count !== n) throw new Error(`${who(server)}: ${op} of ${n} rows changed ${count}`);
	const header = res.headers.get("server-timing");
	const { statements, rowsRead, rowsWritten } = d1Figures(header);
	return {
		ms,
		rowsPerSec: n / (ms / 1000),
		workerdCpuMs: cpu,
		timing: serverTiming(header),
		statements,
		rowsRead,
		rowsWritten,
	};
}

/** Insert rows `from` … `to` − 1 named by `id(i)`, at most 100,000 per request (the service's limit). */
export async function seed(server, from, to, id) {
	for (let start = from; start < to; start += 100_000) {
		const rows = [];
		for (let i = start; i < Math.min(to, start + 100_000); i++)
			rows.push({ user_id: id(i), user_data: `seed data ${i}` });
		await request(server, "POST", "/users?return=minimal", JSON.stringify(rows));
	}
}

export const clear = (server) => request(server, "DELETE", "/users?all=true");

/**
 * A load run with requests that failed: `stalled` when the only failures are requests left unanswered past
 * autocannon's timeout (10 s) or connections reset (`kinds` counts each), not an answer with a status that is not 2xx.
 */
export class LoadFailure extends Error {
	constructor(server, op, result, kinds, figures) {
		super(
			`${who(server)}: ${op} under load: ${result.errors} errors (${JSON.stringify(kinds)}), ${result.timeouts} timeouts, ${result.non2xx} non-2xx`,
		);
		this.counts = {
			requests: result.requests.total,
			errors: result.errors,
			timeouts: result.timeouts,
			non2xx: result.non2xx,
			kinds,
			statusCodes: result.statusCodeStats,
		};
		this.stalled = result.non2xx === 0;
		/** The run's figures all the same, for a run kept with its failures named. */
		this.figures = figures;
	}
}

/** Single-row GET or PATCH of random seeded rows with autocannon: req/s and latency percentiles. */
export async function load(server, op, { connections, seconds, rows }) {
	let next = 0;
	const path = () => `/users/${pointId((next++ * 7919) % rows)}`;
	const run = autocannon({
		url: server.url,
		connections,
		duration: seconds,
		headers: op === "patch" ? JSON_BODY : AUTH,
		requests: [
			{
				method: op === "patch" ? "PATCH" : "GET",
				setupRequest: (req) => ({
					...req,
					path: path(),
					body: op === "patch" ? JSON.stringify({ user_data: `patched ${next}` }) : undefined,
				}),
			},
		],
	});
	// What each failed request met: "request timed out", or the socket's error code (ECONNRESET, …).
	const kinds = {};
	run.on("reqError", (error) => {
		const kind = error.code ?? error.message;
		kinds[kind] = (kinds[kind] ?? 0) + 1;
	});
	const result = await run;
	const figures = {
		reqPerSec: result.requests.average,
		p50: result.latency.p50,
		p99: result.latency.p99,
		requests: result.requests.total,
	};
	if (result.errors > 0 || result.non2xx > 0 || result.timeouts > 0) {
		throw new LoadFailure(server, op, result, kinds, figures);
	}
	return figures;
}

/** Walk every row with GET /users?limit=1000, following next_cursor. */
export async function walk(server, expected) {
	const started = performance.now();
	let rows = 0;
	let pages = 0;
	let cursor = null;
	do {
		const query = `limit=1000${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`;
		const page = JSON.parse((await request(server, "GET", `/users?${query}`)).text);
		rows += page.data.length;
		pages++;
		cursor = page.next_cursor;
	} while (cursor !== null);
	const ms = performance.now() - started;
	if (rows !== expected) throw new Error(`${who(server)}: the walk saw ${rows} rows, not ${expected}`);
	return { ms, rowsPerSec: rows / (ms / 1000), pages };
}

/** Stream GET /users/export?format=ndjson to the end, counting lines. */
export async function exportRows(server, expected) {
	const started = performance.now();
	const res = await fetch(`${server.url}/users/export?format=ndjson`, { headers: AUTH });
	if (!res.ok) throw new Error(`${who(server)}: export answered ${res.status}: ${await res.text()}`);
	let rows = 0;
	let bytes = 0;
	for await (const chunk of res.body) {
		bytes += chunk.length;
		for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) rows++;
	}
	const ms = performance.now() - started;
	if (rows !== expected) throw new Error(`${who(server)}: the export had ${rows} rows, not ${expected}`);
	return { ms, rowsPerSec: rows / (ms / 1000), bytes };
}

/** The bodies of `stages` stage requests, each one insert of 100,000 rows shaped as bulkBodies', ids running on. */
export function stageBodies(stages, rows = 100_000) {
	return Array.from({ length: stages }, (_, s) => {
		const list = Array.from({ length: rows }, (_, i) => {
			const n = s * rows + i;
			return { user_id: bulkId(n), user_data: `bulk data for row ${n}` };
		});
		return JSON.stringify({ operations: [{ op: "insert", rows: list }] });
	});
}

/** One request timed like a bulk write: wall ms, the workerd process's CPU, and the Server-Timing figures. */
async function timed(server, method, path, body) {
	const cpuBefore = cpuMs(server.workerd);
	const started = performance.now();
	const { res, text } = await request(server, method, path, body);
	const ms = performance.now() - started;
	const header = res.headers.get("server-timing");
	return {
		ms,
		workerdCpuMs: cpuMs(server.workerd) - cpuBefore,
		timing: serverTiming(header),
		...d1Figures(header),
		body: text ? JSON.parse(text) : null,
	};
}

/** The session routes (API.md § Sessions), each one timed request. */
export const sessions = {
	open: async (server) => (await timed(server, "POST", "/sessions")).body.session_id,
	stage: (server, id, body) => timed(server, "POST", `/sessions/${id}/operations`, body),
	/** The pending view's first page at the default limit. */
	view: (server, id) => timed(server, "GET", `/sessions/${id}/users`),
	commit: (server, id) => timed(server, "POST", `/sessions/${id}/commit`),
	rollback: (server, id) => timed(server, "DELETE", `/sessions/${id}`),
};
