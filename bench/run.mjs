// `npm run bench [-- --quick]`: the service against the baseline Worker, both under wrangler dev on fresh
// local D1, measured in one run and interleaved; writes bench/results/<time>.json and docs/benchmarks.md.
// `node bench/run.mjs --report bench/results/<time>.json` regenerates the docs from saved results.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { measureExportMemory } from "./export-memory.mjs";
import { profiled, summarize as summarizeProfile } from "./inspector.mjs";
import { bulk, bulkBodies, clear, exportRows, load, median, ordered, pointId, seed, walk } from "./measure.mjs";
import { printTable, summarize, writeDocs } from "./report.mjs";
import { ROOT, snapshot, startBaseline, startService, stopAll } from "./servers.mjs";

const args = process.argv.slice(2);
const QUICK = args.includes("--quick");
const CONFIG = {
	sizes: [1_000, 10_000, 100_000],
	bulkReps: QUICK ? 3 : 5,
	connections: [16, 64],
	loadSeconds: QUICK ? 3 : 10,
	loadReps: QUICK ? 1 : 3,
	pointRows: 10_000,
	readRows: 100_000,
	readReps: QUICK ? 3 : 5,
	profileSeconds: QUICK ? 2 : 3,
	memory: !QUICK,
};
const BULK_OPS = ["insert", "update", "delete"];

const clock = Date.now();
const log = (text) => console.log(`[${String(Math.round((Date.now() - clock) / 1000)).padStart(4)} s] ${text}`);
const fmt = (n) => Math.round(n).toLocaleString("en-US");

async function bulkPhase(servers, raw) {
	const warm = bulkBodies(1000);
	for (const server of servers) for (const op of BULK_OPS) await bulk(server, op, 1000, warm);
	for (const rows of CONFIG.sizes) {
		const bodies = bulkBodies(rows);
		for (let rep = 0; rep < CONFIG.bulkReps; rep++) {
			for (const op of BULK_OPS) {
				for (const server of ordered(servers, rep)) {
					const r = await bulk(server, op, rows, bodies);
					raw.bulk.push({ server: server.name, op, rows, rep, ...r });
					log(
						`bulk ${op.padEnd(6)} ${fmt(rows).padStart(7)} rows  rep ${rep + 1}/${CONFIG.bulkReps}  ${server.name.padEnd(8)} ${fmt(r.rowsPerSec).padStart(9)} rows/s  (${fmt(r.ms)} ms)`,
					);
				}
			}
		}
	}
}

/** The rows the single-row GETs and PATCHes hit, and a short warm-up of each. */
async function seedPoints(servers) {
	for (const server of servers) {
		await clear(server);
		await seed(server, 0, CONFIG.pointRows, pointId);
		for (const op of ["get", "patch"]) await load(server, op, { connections: 16, seconds: 1, rows: CONFIG.pointRows });
	}
}

async function loadPhase(servers, raw) {
	for (let rep = 0; rep < CONFIG.loadReps; rep++) {
		for (const connections of CONFIG.connections) {
			for (const op of ["get", "patch"]) {
				for (const server of ordered(servers, rep)) {
					const r = await load(server, op, { connections, seconds: CONFIG.loadSeconds, rows: CONFIG.pointRows });
					raw.load.push({ server: server.name, op, connections, rep, ...r });
					log(
						`${op.toUpperCase().padEnd(5)} /users/:id  ${String(connections).padStart(2)} conn  rep ${rep + 1}/${CONFIG.loadReps}  ${server.name.padEnd(8)} ${fmt(r.reqPerSec).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms`,
					);
				}
			}
		}
	}
}

/** One more run of each operation on each Worker under the V8 profiler: where the isolate's CPU goes. */
async function profilePhase(servers) {
	const bodies = bulkBodies(100_000);
	const profiles = {};
	const saved = mkdtempSync(join(os.tmpdir(), "userdata-profiles-"));
	const save = (name, server, profile) =>
		writeFileSync(join(saved, `${name.replaceAll(/\W+/g, "-")}-${server.name}.cpuprofile`), JSON.stringify(profile));
	const record = (name, server, summary) => {
		profiles[name] ??= {};
		profiles[name][server.name] = summary;
		const cpu = (summary.cpuMs / (summary.divisor ?? 1)).toFixed(summary.divisor ? 2 : 0);
		log(`profile  ${name.padEnd(36)} ${server.name.padEnd(8)} ${cpu} ms CPU${summary.divisor ? " per request" : ""}`);
	};
	for (const server of servers) {
		const insert = await profiled(server, () => bulk(server, "insert", 100_000, bodies));
		save("insert", server, insert.profile);
		record("bulk insert, 100,000 rows", server, summarizeProfile(insert.profile, server.dir, server.entry));
		const update = await profiled(server, () => bulk(server, "update", 100_000, bodies));
		save("update", server, update.profile);
		record("bulk update, 100,000 rows", server, summarizeProfile(update.profile, server.dir, server.entry));
		const rows = 100_000 + CONFIG.pointRows;
		const exported = await profiled(server, () => exportRows(server, rows));
		save("export", server, exported.profile);
		record(`export, ${fmt(rows)} rows`, server, summarizeProfile(exported.profile, server.dir, server.entry));
		await bulk(server, "delete", 100_000, bodies);
		for (const op of ["get", "patch"]) {
			const options = { connections: 16, seconds: CONFIG.profileSeconds, rows: CONFIG.pointRows };
			const run = await profiled(server, () => load(server, op, options));
			save(op, server, run.profile);
			const summary = { ...summarizeProfile(run.profile, server.dir, server.entry), divisor: run.result.requests };
			record(`${op.toUpperCase()} /users/:id, 16 connections`, server, summary);
		}
	}
	log(`raw profiles (open in Chrome DevTools) in ${saved}`);
	return profiles;
}

async function readPhase(servers, raw) {
	for (const server of servers) {
		await clear(server);
		await seed(server, 0, CONFIG.readRows, pointId);
	}
	for (let rep = 0; rep < CONFIG.readReps; rep++) {
		for (const op of ["walk", "export"]) {
			for (const server of ordered(servers, rep)) {
				const r = op === "walk" ? await walk(server, CONFIG.readRows) : await exportRows(server, CONFIG.readRows);
				raw.reads.push({ server: server.name, op, rows: CONFIG.readRows, rep, ...r });
				log(
					`${op.padEnd(6)} ${fmt(CONFIG.readRows)} rows  rep ${rep + 1}/${CONFIG.readReps}  ${server.name.padEnd(8)} ${fmt(r.rowsPerSec).padStart(9)} rows/s  (${fmt(r.ms)} ms)`,
				);
			}
		}
	}
}

/** The figures of item 4: the 100,000-row insert's wall, D1 and CPU times, medians over its repetitions. */
function insertCpu(raw, profiles) {
	const of = (server) => {
		const runs = raw.bulk.filter((r) => r.server === server && r.op === "insert" && r.rows === 100_000);
		return {
			wall: median(runs.map((r) => r.ms)),
			total: median(runs.map((r) => r.timing.total)),
			db: median(runs.map((r) => r.timing.db)),
			workerdCpu: median(runs.map((r) => r.workerdCpuMs)),
			profileCpu: profiles?.["bulk insert, 100,000 rows"]?.[server]?.cpuMs,
		};
	};
	const rowsWritten = median(
		raw.bulk.filter((r) => r.server === "service" && r.op === "insert" && r.rows === 100_000).map((r) => r.rowsWritten),
	);
	return { service: of("service"), baseline: of("baseline"), rowsWritten };
}

function machine() {
	const version = (pkg) => JSON.parse(readFileSync(join(ROOT, "node_modules", pkg, "package.json"), "utf8")).version;
	return {
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model ?? "unknown CPU",
		memoryGb: os.totalmem() / 2 ** 30,
		os: `${os.type()} ${os.release()}`,
		node: process.versions.node,
		wrangler: version("wrangler"),
		autocannon: version("autocannon"),
		loadBefore: os.loadavg(),
	};
}

function git() {
	const run = (...a) => execFileSync("git", a, { cwd: ROOT, encoding: "utf8" }).trim();
	return {
		commit: run("rev-parse", "HEAD"),
		dirty: run("status", "--porcelain", "--", "src", "migrations").length > 0,
	};
}

async function main() {
	const report = args.indexOf("--report");
	if (report >= 0) {
		const path = resolve(args[report + 1]);
		const results = JSON.parse(readFileSync(path, "utf8"));
		const summary = summarize(results.raw);
		printTable(summary);
		writeDocs(results, summary, path);
		console.log(`\nRegenerated docs/benchmarks.md and docs/benchmarks.svg from ${path}`);
		return;
	}
	const started = new Date();
	const results = {
		command: `npm run bench${QUICK ? " -- --quick" : ""}`,
		mode: QUICK ? "quick" : "full",
		started: started.toISOString(),
		config: CONFIG,
		machine: machine(),
		git: git(),
		raw: { bulk: [], load: [], reads: [] },
	};
	const dir = snapshot();
	try {
		log(`starting the service and the baseline with wrangler dev (code copied to ${dir})`);
		const servers = await Promise.all([startService(dir, 8810, 8812), startBaseline(dir, 8811, 8813)]);
		for (const s of servers) log(`${s.name} on ${s.url}, workerd pid ${s.workerd}, inspector port ${s.inspectorPort}`);
		await bulkPhase(servers, results.raw);
		await seedPoints(servers);
		// Before the load runs: wrangler's inspector proxy buffers every console message while no
		// DevTools client is attached and replays them all to the next one, which takes a while.
		results.profiles = await profilePhase(servers);
		await loadPhase(servers, results.raw);
		await readPhase(servers, results.raw);
		await Promise.all(servers.map((s) => s.stop()));
		if (CONFIG.memory) results.memory = await measureExportMemory(dir, log);
	} finally {
		await stopAll(dir);
	}
	results.finished = new Date().toISOString();
	results.machine.loadAfter = os.loadavg();
	results.insert100k = insertCpu(results.raw, results.profiles);
	const dirResults = join(ROOT, "bench", "results");
	mkdirSync(dirResults, { recursive: true });
	const path = join(
		dirResults,
		`${started.toISOString().replaceAll(":", "-").slice(0, 19)}${QUICK ? "-quick" : ""}.json`,
	);
	writeFileSync(`${path}.tmp`, `${JSON.stringify(results, null, "\t")}\n`);
	renameSync(`${path}.tmp`, path);
	const summary = summarize(results.raw);
	printTable(summary);
	writeDocs(results, summary, path);
	log(`raw results in ${path}; docs/benchmarks.md and docs/benchmarks.svg regenerated`);
}

try {
	await main();
} catch (error) {
	console.error(`\nbench failed: ${error.stack ?? error}`);
	process.exitCode = 1;
}
