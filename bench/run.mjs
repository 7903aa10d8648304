// `npm run bench [-- --quick] [-- --only sessions] [-- --runners bare]`: the service against the baseline Worker on
// fresh local D1, each under both runners (`wrangler dev`, and the bare runtime: Miniflare's API with no wrangler
// proxy), measured in one run and interleaved; writes bench/results/<time>.json and docs/benchmarks.md.
// `--only PHASE[,PHASE]` runs some phases alone (bulk, profile, load, reads, sessions, memory, tutorial) and leaves the
// docs be, except `--only tutorial`: the tutorial's SQLAlchemy program alone (bench/tutorial.mjs), compared with the
// service's bulk lines of the latest full run in bench/results, and the docs regenerated from that run and this one.
// `--runners wrangler,bare` picks the runners (both by default).
// `node bench/run.mjs --report bench/results/<time>.json [--tutorial bench/results/<time>-only-tutorial.json]`
// regenerates the docs from saved results.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join, relative, resolve } from "node:path";
import { measureExportMemory } from "./export-memory.mjs";
import { profiled, summarize as summarizeProfile } from "./inspector.mjs";
import {
	bulk,
	bulkBodies,
	clear,
	exportRows,
	LoadFailure,
	load,
	median,
	ordered,
	pointId,
	seed,
	sessions,
	stageBodies,
	walk,
} from "./measure.mjs";
import { printTable, printTutorial, summarize, writeDocs } from "./report.mjs";
import { ROOT, RUNNER_NAMES, snapshot, startBaseline, startService, stopAll } from "./servers.mjs";
import { latestFullResults, tutorialPhase } from "./tutorial.mjs";

const args = process.argv.slice(2);
const QUICK = args.includes("--quick");
const PHASES = ["bulk", "profile", "load", "reads", "sessions", "memory", "tutorial"];
const only = args.indexOf("--only");
const ONLY = only >= 0 ? (args[only + 1] ?? "").split(",") : PHASES;
const PARTIAL = only >= 0;
const runs = (phase) => ONLY.includes(phase);
if (ONLY.some((phase) => !PHASES.includes(phase))) {
	console.error(`--only takes phases separated by commas, of: ${PHASES.join(", ")}`);
	process.exit(2);
}
const runnersAt = args.indexOf("--runners");
const RUNNERS = runnersAt >= 0 ? (args[runnersAt + 1] ?? "").split(",") : RUNNER_NAMES;
if (RUNNERS.length === 0 || RUNNERS.some((runner) => !RUNNER_NAMES.includes(runner))) {
	console.error(`--runners takes runners separated by commas, of: ${RUNNER_NAMES.join(", ")}`);
	process.exit(2);
}
/** Each runner's ports: service, baseline, and their inspectors. The memory run uses 8814–8815. */
const PORTS = { wrangler: [8810, 8811, 8812, 8813], bare: [8820, 8821, 8822, 8823] };
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
	sessionReps: QUICK ? 3 : 5,
	/** A session of this many stage requests of 100,000 inserted rows each is committed: the limit of 1,000,000. */
	sessionStages: 10,
	/** The tutorial's program (bench/tutorial/peer.py): these sizes, each way (unit of work; bulk) this many times. */
	tutorialSizes: [10_000, 100_000],
	tutorialReps: QUICK ? 1 : 3,
};
const BULK_OPS = ["insert", "update", "delete"];

const clock = Date.now();
const log = (text) => console.log(`[${String(Math.round((Date.now() - clock) / 1000)).padStart(4)} s] ${text}`);
const fmt = (n) => Math.round(n).toLocaleString("en-US");
/** A server's name in the log: its runner and which Worker it is. */
const tag = (server) => `${server.runner.padEnd(8)} ${server.name.padEnd(8)}`;

async function bulkPhase(servers, raw) {
	const warm = bulkBodies(1000);
	for (const server of servers) for (const op of BULK_OPS) await bulk(server, op, 1000, warm);
	for (const rows of CONFIG.sizes) {
		const bodies = bulkBodies(rows);
		for (let rep = 0; rep < CONFIG.bulkReps; rep++) {
			for (const op of BULK_OPS) {
				for (const server of ordered(servers, rep)) {
					const r = await bulk(server, op, rows, bodies);
					raw.bulk.push({ runner: server.runner, server: server.name, op, rows, rep, ...r });
					log(
						`bulk ${op.padEnd(6)} ${fmt(rows).padStart(7)} rows  rep ${rep + 1}/${CONFIG.bulkReps}  ${tag(server)} ${fmt(r.rowsPerSec).padStart(9)} rows/s  (${fmt(r.ms)} ms)`,
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

/**
 * One load run. If it stalls (requests unanswered past autocannon's 10 s timeout, or connections reset, but no
 * answer other than 2xx), the stall goes into raw.stalls with the server's state just after it, and the run is made
 * once more. If that one stalls too, its figures are kept (marked) when the failed requests are at most
 * TOLERATED_ERRORS of those answered; otherwise, as on any non-2xx answer, the bench fails.
 */
const TOLERATED_ERRORS = 0.03;

async function loadRun(server, op, connections, rep, raw) {
	const options = { connections, seconds: CONFIG.loadSeconds, rows: CONFIG.pointRows };
	for (let attempt = 1; ; attempt++) {
		try {
			return await load(server, op, options);
		} catch (error) {
			if (!(error instanceof LoadFailure && error.stalled)) throw error;
			const after = await probe(server);
			const kept = attempt === 2 && error.counts.errors <= error.counts.requests * TOLERATED_ERRORS;
			raw.stalls.push({
				runner: server.runner,
				server: server.name,
				op,
				connections,
				rep,
				attempt,
				kept,
				at: new Date().toISOString(),
				...error.counts,
				after,
				loadAverage: os.loadavg(),
				log: readFileSync(server.log, "utf8").split("\n").slice(-20).join("\n"),
			});
			const then = attempt === 1 ? "once more" : kept ? "kept, marked" : "failing the bench";
			log(
				`STALL ${op.toUpperCase()} /users/:id  ${connections} conn  rep ${rep + 1}  ${tag(server)} ${error.counts.timeouts} timeouts, ${error.counts.errors} errors ${JSON.stringify(error.counts.kinds)} in ${error.counts.requests} requests; /healthz then ${after.status} in ${after.ms} ms; ${then}`,
			);
			if (kept) return { ...error.figures, stalled: error.counts };
			if (attempt === 2) throw error;
		}
	}
}

/** GET /healthz with a 10 s timeout: whether a server answers just after a stall, and how fast. */
async function probe(server) {
	const started = performance.now();
	try {
		const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(10_000) });
		await res.text();
		return { status: res.status, ms: Math.round(performance.now() - started) };
	} catch (error) {
		return { status: String(error.name), ms: Math.round(performance.now() - started) };
	}
}

async function loadPhase(servers, raw) {
	for (let rep = 0; rep < CONFIG.loadReps; rep++) {
		for (const connections of CONFIG.connections) {
			for (const op of ["get", "patch"]) {
				for (const server of ordered(servers, rep)) {
					const r = await loadRun(server, op, connections, rep, raw);
					raw.load.push({ runner: server.runner, server: server.name, op, connections, rep, ...r });
					log(
						`${op.toUpperCase().padEnd(5)} /users/:id  ${String(connections).padStart(2)} conn  rep ${rep + 1}/${CONFIG.loadReps}  ${tag(server)} ${fmt(r.reqPerSec).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms`,
					);
				}
			}
		}
	}
}

/** One more run of each operation on each Worker under the V8 profiler: where the isolate's CPU goes, by runner. */
async function profilePhase(servers) {
	const bodies = bulkBodies(100_000);
	const small = bulkBodies(10_000);
	const profiles = {};
	const saved = mkdtempSync(join(os.tmpdir(), "userdata-profiles-"));
	const save = (name, server, profile) =>
		writeFileSync(
			join(saved, `${name.replaceAll(/\W+/g, "-")}-${server.runner}-${server.name}.cpuprofile`),
			JSON.stringify(profile),
		);
	const record = (name, server, summary) => {
		profiles[server.runner] ??= {};
		profiles[server.runner][name] ??= {};
		profiles[server.runner][name][server.name] = summary;
		const cpu = (summary.cpuMs / (summary.divisor ?? 1)).toFixed(summary.divisor ? 2 : 0);
		log(`profile  ${name.padEnd(36)} ${tag(server)} ${cpu} ms CPU${summary.divisor ? " per request" : ""}`);
	};
	const summarizeRun = (profile, server) => summarizeProfile(profile, server.dir, server.entry, server.sourceMap);
	for (const server of servers) {
		const insert = await profiled(server, () => bulk(server, "insert", 100_000, bodies));
		save("insert", server, insert.profile);
		record("bulk insert, 100,000 rows", server, summarizeRun(insert.profile, server));
		const update = await profiled(server, () => bulk(server, "update", 100_000, bodies));
		save("update", server, update.profile);
		record("bulk update, 100,000 rows", server, summarizeRun(update.profile, server));
		const rows = 100_000 + CONFIG.pointRows;
		const exported = await profiled(server, () => exportRows(server, rows));
		save("export", server, exported.profile);
		record(`export, ${fmt(rows)} rows`, server, summarizeRun(exported.profile, server));
		await bulk(server, "delete", 100_000, bodies);
		// The 10,000-row lines, where the fixed cost of a request weighs more: five insert, update, delete cycles.
		const cycles = await profiled(server, async () => {
			for (let i = 0; i < 5; i++)
				for (const op of ["insert", "update", "delete"]) await bulk(server, op, 10_000, small);
		});
		save("bulk-10k", server, cycles.profile);
		record("bulk insert, update, delete, 10,000 rows", server, {
			...summarizeRun(cycles.profile, server),
			divisor: 15,
		});
		for (const op of ["get", "patch"]) {
			const options = { connections: 16, seconds: CONFIG.profileSeconds, rows: CONFIG.pointRows };
			const run = await profiled(server, () => load(server, op, options));
			save(op, server, run.profile);
			const summary = { ...summarizeRun(run.profile, server), divisor: run.result.requests };
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
				raw.reads.push({ runner: server.runner, server: server.name, op, rows: CONFIG.readRows, rep, ...r });
				log(
					`${op.padEnd(6)} ${fmt(CONFIG.readRows)} rows  rep ${rep + 1}/${CONFIG.readReps}  ${tag(server)} ${fmt(r.rowsPerSec).padStart(9)} rows/s  (${fmt(r.ms)} ms)`,
				);
			}
		}
	}
}

/**
 * Sessions (issue 10, point 9), the service alone (the baseline has none), on each runner's service in turn within
 * each repetition, each repetition measured against a plain `POST /users` of the same 100,000 rows just before it on
 * the same service: staging those rows in one request; the pending view's first page at 0, 100,000 and 1,000,000
 * staged rows; committing the 1,000,000-row session; and the view of a new session over the 1,100,000 rows committed
 * then. The table holds CONFIG.readRows committed rows (`point-…`) throughout; the staged ids (`bulk-…`) sort before
 * them. The committed rows are deleted after each repetition. What a committed or rolled-back session staged stays in
 * session_row: the Cron Trigger removes it in production; neither runner fires it (the bench's wrangler dev runs
 * without --test-scheduled, whose middleware would sit in front of every measured request, and Miniflare runs no crons).
 */
async function sessionPhase(services, raw) {
	const STAGE_ROWS = 100_000;
	const staged = CONFIG.sessionStages * STAGE_ROWS;
	const bodies = bulkBodies(STAGE_ROWS);
	const stages = stageBodies(CONFIG.sessionStages, STAGE_ROWS);
	const expectRows = (r, rows, what) => {
		if (r.body.rows !== rows) throw new Error(`${what}: the session holds ${r.body.rows} rows, not ${rows}`);
	};
	const repetition = async (service, rep) => {
		const note = (record) => raw.sessions.push({ runner: service.runner, ...record });
		const view = async (id, stagedRows, committed) => {
			const r = await sessions.view(service, id);
			const expected = Math.min(100, stagedRows + committed);
			if (r.body.data.length !== expected) throw new Error(`the view's first page has ${r.body.data.length} rows`);
			const { body: _, ...figures } = r;
			note({ op: "view", staged: stagedRows, committed, rep, ...figures });
			log(
				`session view   ${fmt(stagedRows).padStart(9)} staged, ${fmt(committed).padStart(9)} committed  rep ${rep + 1}/${CONFIG.sessionReps}  ${service.runner.padEnd(8)} ${fmt(r.ms).padStart(6)} ms  (db ${fmt(r.timing.db)} ms)`,
			);
		};
		const plain = await bulk(service, "insert", STAGE_ROWS, bodies);
		note({ op: "plain insert", rows: STAGE_ROWS, rep, ...plain });
		log(
			`session plain  POST /users ${fmt(STAGE_ROWS)} rows  rep ${rep + 1}/${CONFIG.sessionReps}  ${service.runner.padEnd(8)} ${fmt(plain.rowsPerSec).padStart(9)} rows/s  (${fmt(plain.ms)} ms)`,
		);
		await bulk(service, "delete", STAGE_ROWS, bodies);
		const id = await sessions.open(service);
		await view(id, 0, CONFIG.readRows);
		for (const [k, body] of stages.entries()) {
			const r = await sessions.stage(service, id, body);
			expectRows(r, (k + 1) * STAGE_ROWS, "staging");
			const { body: _, ...figures } = r;
			note({
				op: "stage",
				rows: STAGE_ROWS,
				before: k * STAGE_ROWS,
				rep,
				rowsPerSec: STAGE_ROWS / (r.ms / 1000),
				...figures,
			});
			if (k === 0) {
				log(
					`session stage  ${fmt(STAGE_ROWS)} rows  rep ${rep + 1}/${CONFIG.sessionReps}  ${service.runner.padEnd(8)} ${fmt(STAGE_ROWS / (r.ms / 1000)).padStart(9)} rows/s  (${fmt(r.ms)} ms)`,
				);
				await view(id, STAGE_ROWS, CONFIG.readRows);
			}
		}
		await view(id, staged, CONFIG.readRows);
		const done = await sessions.commit(service, id);
		const count = done.body.results.reduce((n, r) => n + r.count, 0);
		if (count !== staged) throw new Error(`the commit inserted ${count} rows, not ${staged}`);
		const { body: _, ...figures } = done;
		note({ op: "commit", rows: staged, rep, rowsPerSec: staged / (done.ms / 1000), ...figures });
		log(
			`session commit ${fmt(staged)} rows  rep ${rep + 1}/${CONFIG.sessionReps}  ${service.runner.padEnd(8)} ${fmt(staged / (done.ms / 1000)).padStart(9)} rows/s  (${fmt(done.ms)} ms, db ${fmt(done.timing.db)} ms)`,
		);
		const other = await sessions.open(service);
		await view(other, 0, CONFIG.readRows + staged);
		await sessions.rollback(service, other);
		await bulk(service, "delete", staged, bodies);
	};
	// Warm-up: one small session through every route, and a plain insert.
	const warm = bulkBodies(1000);
	for (const service of services) {
		await clear(service);
		await seed(service, 0, CONFIG.readRows, pointId);
		await bulk(service, "insert", 1000, warm);
		await bulk(service, "delete", 1000, warm);
		const warmId = await sessions.open(service);
		await sessions.stage(
			service,
			warmId,
			JSON.stringify({ operations: [{ op: "insert", rows: JSON.parse(warm.insert) }] }),
		);
		await sessions.view(service, warmId);
		await sessions.commit(service, warmId);
		await bulk(service, "delete", 1000, warm);
	}
	for (let rep = 0; rep < CONFIG.sessionReps; rep++) {
		for (const service of ordered(services, rep)) await repetition(service, rep);
	}
}

/** The figures of item 4 on one runner: the 100,000-row insert's wall, D1 and CPU times, medians over its repetitions. */
function insertCpu(raw, profiles, runner) {
	const inserts = raw.bulk.filter((r) => r.runner === runner && r.op === "insert" && r.rows === 100_000);
	const of = (server) => {
		const runs = inserts.filter((r) => r.server === server);
		return {
			wall: median(runs.map((r) => r.ms)),
			total: median(runs.map((r) => r.timing.total)),
			db: median(runs.map((r) => r.timing.db)),
			workerdCpu: median(runs.map((r) => r.workerdCpuMs)),
			profileCpu: profiles?.[runner]?.["bulk insert, 100,000 rows"]?.[server]?.cpuMs,
		};
	};
	const rowsWritten = median(inserts.filter((r) => r.server === "service").map((r) => r.rowsWritten));
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
		miniflare: version("wrangler/node_modules/miniflare"),
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

/** Write bench/results/<start time><suffixes>.json atomically; its path. */
function save(results, started, extra = "") {
	const dirResults = join(ROOT, "bench", "results");
	mkdirSync(dirResults, { recursive: true });
	const suffix = `${QUICK ? "-quick" : ""}${PARTIAL ? `-only-${ONLY.join("-")}` : ""}${extra}`;
	const path = join(dirResults, `${started.toISOString().replaceAll(":", "-").slice(0, 19)}${suffix}.json`);
	writeFileSync(`${path}.tmp`, `${JSON.stringify(results, null, "\t")}\n`);
	renameSync(`${path}.tmp`, path);
	return path;
}

/** Put a tutorial-only run's lines into a full run's results, compared with that run's service lines (say so). */
function withTutorialOf(results, tutorialRun, tutorialPath) {
	if (!tutorialRun.tutorial) throw new Error(`${tutorialPath} has no tutorial lines`);
	results.tutorial = {
		...tutorialRun.tutorial,
		service: { from: "an earlier full run" },
		run: {
			path: relative(ROOT, tutorialPath),
			command: tutorialRun.command,
			started: tutorialRun.started,
			machine: tutorialRun.machine,
		},
	};
	results.raw.tutorial = tutorialRun.raw.tutorial;
}

async function main() {
	const report = args.indexOf("--report");
	if (report >= 0) {
		const path = resolve(args[report + 1]);
		const results = JSON.parse(readFileSync(path, "utf8"));
		if (results.only) throw new Error(`${path} is a partial run (--only ${results.only.join(",")}): no docs from it`);
		if (results.failed) throw new Error(`${path} is a run that failed: no docs from it`);
		const tutorialArg = args.indexOf("--tutorial");
		if (tutorialArg >= 0) {
			const tutorialPath = resolve(args[tutorialArg + 1]);
			withTutorialOf(results, JSON.parse(readFileSync(tutorialPath, "utf8")), tutorialPath);
		}
		const summary = summarize(results.raw);
		printTable(summary);
		printTutorial(results);
		writeDocs(results, summary, path);
		console.log(`\nRegenerated docs/benchmarks.md and docs/benchmarks.svg from ${path}`);
		return;
	}
	const started = new Date();
	const results = {
		command: `npm run bench${QUICK || PARTIAL || runnersAt >= 0 ? " --" : ""}${QUICK ? " --quick" : ""}${PARTIAL ? ` --only ${ONLY.join(",")}` : ""}${runnersAt >= 0 ? ` --runners ${RUNNERS.join(",")}` : ""}`,
		mode: QUICK ? "quick" : "full",
		runners: RUNNERS,
		...(PARTIAL ? { only: ONLY } : {}),
		started: started.toISOString(),
		config: CONFIG,
		machine: machine(),
		git: git(),
		raw: { bulk: [], load: [], reads: [], sessions: [], tutorial: [], stalls: [] },
	};
	const dir = snapshot();
	try {
		// The baseline has no sessions: a run of the session lines alone needs only the service.
		const withBaseline = ["bulk", "profile", "load", "reads"].some(runs);
		// The tutorial's program and the memory run (its own wrangler dev) need neither.
		const withService = withBaseline || runs("sessions");
		if (withService) {
			log(
				`starting the service${withBaseline ? " and the baseline" : ""} on ${RUNNERS.join(" and ")} (code copied to ${dir})`,
			);
		}
		// Every Worker of every runner up at once, so that each line runs them all back to back: a runner's service
		// and baseline next to each other, the order reversed on odd repetitions.
		const servers = withService
			? await Promise.all(
					RUNNERS.flatMap((runner) => {
						const [service, baseline, serviceInspector, baselineInspector] = PORTS[runner];
						return [
							startService(dir, service, serviceInspector, "service", runner),
							...(withBaseline ? [startBaseline(dir, baseline, baselineInspector, runner)] : []),
						];
					}),
				)
			: [];
		for (const s of servers) log(`${tag(s)} on ${s.url}, workerd pid ${s.workerd}, inspector port ${s.inspectorPort}`);
		if (runs("bulk")) await bulkPhase(servers, results.raw);
		if (runs("profile") || runs("load")) await seedPoints(servers);
		// Before the load runs: wrangler's inspector proxy buffers every console message while no
		// DevTools client is attached and replays them all to the next one, which takes a while.
		if (runs("profile")) results.profiles = await profilePhase(servers);
		if (runs("load")) await loadPhase(servers, results.raw);
		if (runs("reads")) await readPhase(servers, results.raw);
		// Last: what the sessions stage stays in session_row, so no other line runs beside it.
		if (runs("sessions")) {
			const started = Date.now();
			await sessionPhase(
				servers.filter((s) => s.name === "service"),
				results.raw,
			);
			results.sessionSeconds = (Date.now() - started) / 1000;
			log(`the session lines took ${Math.round(results.sessionSeconds)} s`);
		}
		await Promise.all(servers.map((s) => s.stop()));
		// With the Workers stopped, so that the in-process peer has the machine wrangler dev had.
		if (runs("tutorial")) {
			const { records = [], ...tutorial } = await tutorialPhase(
				{ sizes: CONFIG.tutorialSizes, reps: CONFIG.tutorialReps },
				log,
			);
			results.tutorial = tutorial;
			results.raw.tutorial = records;
		}
		if (CONFIG.memory && runs("memory")) results.memory = await measureExportMemory(dir, log);
	} catch (error) {
		// What was measured before the failure is kept, marked, and never made into docs.
		results.failed = String(error.stack ?? error);
		const path = save(results, started, "-failed");
		log(`the raw results measured before the failure are in ${path}`);
		throw error;
	} finally {
		await stopAll(dir);
	}
	results.finished = new Date().toISOString();
	results.machine.loadAfter = os.loadavg();
	if (runs("bulk")) {
		results.insert100k = Object.fromEntries(RUNNERS.map((r) => [r, insertCpu(results.raw, results.profiles, r)]));
	}
	const summary = summarize(results.raw);
	results.summary = summary;
	// The tutorial's lines are compared with this run's service bulk lines, if it has them.
	if (runs("tutorial") && runs("bulk")) results.tutorial.service = { from: "this run" };
	const path = save(results, started);

	printTable(summary);
	if (PARTIAL && ONLY.length === 1 && ONLY[0] === "tutorial") {
		// The tutorial alone: its lines against the service's of the latest full run, and that run's docs with them.
		const full = latestFullResults();
		if (!full) {
			log(
				`raw results in ${path}; no full run in bench/results to compare with, so docs/benchmarks.md is left as it is`,
			);
			return;
		}
		withTutorialOf(full.results, results, path);
		printTutorial(full.results);
		writeDocs(full.results, summarize(full.results.raw), full.path);
		log(
			`raw results in ${path}; docs/benchmarks.md and docs/benchmarks.svg regenerated from ${full.path} with these tutorial lines`,
		);
		return;
	}
	printTutorial(results);
	if (PARTIAL) {
		log(`raw results in ${path}; a partial run (--only) leaves docs/benchmarks.md as it is`);
		return;
	}
	writeDocs(results, summary, path);
	log(`raw results in ${path}; docs/benchmarks.md and docs/benchmarks.svg regenerated`);
}

try {
	await main();
} catch (error) {
	console.error(`\nbench failed: ${error.stack ?? error}`);
	process.exitCode = 1;
}
