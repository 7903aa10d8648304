// Turns raw results into the summary table, the console report, docs/benchmarks.md and its SVG chart.
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { barChart, logLogChart, STYLE } from "./charts.mjs";
import { ROOT } from "./servers.mjs";

const number = (n, digits = 0) =>
	n === undefined || Number.isNaN(n)
		? "—"
		: n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

function stats(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

/** The runners, in the order the report shows them, and their names in it. */
const RUNNERS = ["bare", "wrangler"];
export const RUNNER_TEXT = { bare: "bare runtime", wrangler: "wrangler dev" };
/** A runner's name in a sentence. */
const onRunner = (runner) => (runner === "bare" ? "the bare runtime" : RUNNER_TEXT[runner]);
/** Results from before the bare runner were all measured under wrangler dev. */
const runnerOf = (record) => record.runner ?? "wrangler";
/** Results from before the bare runner keep one runner's profiles and insert figures unkeyed. */
const byRunner = (figures, marker) => (figures && marker in figures ? { wrangler: figures } : (figures ?? {}));

/**
 * Every line once per runner in the results, with a `runner` field. The targets are judged on the bare runtime
 * when the run has it (the Worker as it runs, without wrangler dev's proxy in front); the other runner's lines keep
 * what the verdict would have been in `metIfJudged` and `met: null`.
 */
export function summarize(raw) {
	const all = [...raw.bulk, ...raw.load, ...raw.reads, ...(raw.sessions ?? [])];
	const runners = RUNNERS.filter((runner) => all.some((r) => runnerOf(r) === runner));
	const judged = runners[0];
	return runners.flatMap((runner) => {
		const on = (records) => (records ?? []).filter((r) => runnerOf(r) === runner);
		const lines = [
			...runnerLines({ bulk: on(raw.bulk), load: on(raw.load), reads: on(raw.reads) }),
			...sessionLines(on(raw.sessions)),
		];
		return lines.map((l) => ({ ...l, runner, met: runner === judged ? l.met : null, metIfJudged: l.met }));
	});
}

/**
 * One runner's line per measurement: both servers' median, min and max, and the ratio service ÷ baseline
 * taken per repetition (the two runs of a repetition are back to back, so a slow swing of the
 * machine hits both) with its median, min and max; and the issue's target for it, if any.
 */
function runnerLines(raw) {
	const lines = [];
	const add = (label, unit, records, pick, target) => {
		const of = (server) => records.filter((r) => r.server === server);
		const service = stats(of("service").map(pick));
		const baseline = stats(of("baseline").map(pick));
		const ratios = of("service").flatMap((s) => {
			const b = of("baseline").find((r) => r.rep === s.rep);
			return b ? [pick(s) / pick(b)] : [];
		});
		const ratio = stats(ratios);
		const met = target ? (target.at === "least" ? ratio.median >= target.ratio : ratio.median <= target.ratio) : null;
		lines.push({ label, unit, service, baseline, ratio: ratio.median, ratioRange: ratio, target: target ?? null, met });
	};
	for (const op of ["insert", "update", "delete"]) {
		for (const rows of [...new Set(raw.bulk.map((r) => r.rows))].sort((a, b) => a - b)) {
			const records = raw.bulk.filter((r) => r.op === op && r.rows === rows);
			const target = rows >= 10_000 ? { at: "least", ratio: 0.95 } : undefined;
			add(`bulk ${op}, ${number(rows)} rows`, "rows/s", records, (r) => r.rowsPerSec, target);
		}
	}
	for (const op of ["get", "patch"]) {
		for (const connections of [...new Set(raw.load.map((r) => r.connections))].sort((a, b) => a - b)) {
			const records = raw.load.filter((r) => r.op === op && r.connections === connections);
			const name = `${op.toUpperCase()} /users/:id, ${connections} connections`;
			add(name, "req/s", records, (r) => r.reqPerSec, { at: "least", ratio: 0.9 });
			add(`${name}, p50`, "ms", records, (r) => r.p50);
			add(`${name}, p99`, "ms", records, (r) => r.p99, { at: "most", ratio: 1.5 });
		}
	}
	for (const op of ["walk", "export"]) {
		const records = raw.reads.filter((r) => r.op === op);
		if (records.length === 0) continue;
		const name = op === "walk" ? "paged walk (GET /users?limit=1000)" : "streamed export (NDJSON)";
		add(`${name}, ${number(records[0].rows)} rows`, "rows/s", records, (r) => r.rowsPerSec);
	}
	return lines;
}

/** The medians of a line's Server-Timing figures, D1 statements and workerd CPU, over its repetitions. */
const figuresOf = (records) => {
	const mid = (pick) => stats(records.map(pick).filter((v) => v !== undefined && !Number.isNaN(v))).median;
	return {
		wall: mid((r) => r.ms),
		total: mid((r) => r.timing?.total),
		db: mid((r) => r.timing?.db),
		workerdCpu: mid((r) => r.workerdCpuMs),
		statements: mid((r) => r.statements),
		rowsRead: mid((r) => r.rowsRead),
		rowsWritten: mid((r) => r.rowsWritten),
	};
};

/**
 * The session lines (service only): each measured against the plain `POST /users` of 100,000 rows of its own
 * repetition, the ratio taken per repetition as for the baseline lines; targets on rows/s.
 */
function sessionLines(records) {
	if (records.length === 0) return [];
	const plain = records.filter((r) => r.op === "plain insert");
	const lines = [];
	const add = (label, unit, of, pick, { compare = false, target } = {}) => {
		const ratios = compare
			? of.flatMap((r) => {
					const p = plain.find((q) => q.rep === r.rep);
					return p ? [pick(r) / p.rowsPerSec] : [];
				})
			: [];
		const ratio = ratios.length > 0 ? stats(ratios) : null;
		lines.push({
			label,
			unit,
			group: "sessions",
			service: stats(of.map(pick)),
			baseline: null,
			reference: compare ? stats(plain.map((r) => r.rowsPerSec)) : null,
			ratio: ratio?.median,
			ratioRange: ratio,
			target: target ?? null,
			met: target && ratio ? ratio.median >= target.ratio : null,
			figures: figuresOf(of),
		});
	};
	const stageRows = plain[0]?.rows ?? 100_000;
	add(`plain POST /users, ${number(stageRows)} rows (the reference)`, "rows/s", plain, (r) => r.rowsPerSec);
	const first = records.filter((r) => r.op === "stage" && r.before === 0);
	const later = records.filter((r) => r.op === "stage" && r.before > 0);
	const target = { at: "least", ratio: 0.8 };
	add(`stage ${number(stageRows)} rows, one request`, "rows/s", first, (r) => r.rowsPerSec, { compare: true, target });
	if (later.length > 0) {
		const most = Math.max(...later.map((r) => r.before));
		const label = `stage ${number(stageRows)} rows into a session holding ${number(stageRows)}–${number(most)}`;
		add(label, "rows/s", later, (r) => r.rowsPerSec, { compare: true });
	}
	const commits = records.filter((r) => r.op === "commit");
	if (commits.length > 0) {
		const label = `commit a ${number(commits[0].rows)}-row session`;
		add(label, "rows/s", commits, (r) => r.rowsPerSec, { compare: true, target });
		add(label, "ms", commits, (r) => r.ms);
	}
	const views = records.filter((r) => r.op === "view");
	const kinds = [...new Set(views.map((r) => `${r.committed}:${r.staged}`))]
		.map((k) => k.split(":").map(Number))
		.sort(([c1, s1], [c2, s2]) => c1 - c2 || s1 - s2);
	for (const [committed, staged] of kinds) {
		const of = views.filter((r) => r.committed === committed && r.staged === staged);
		add(
			`pending view, first page: ${number(staged)} staged, ${number(committed)} committed rows`,
			"ms",
			of,
			(r) => r.ms,
		);
	}
	return lines;
}

/** Two decimals, or three where two would round a missed target onto it (0.698 is not "0.70 ≥ 0.7"). */
const ratioText = (l) => {
	const two = number(l.ratio, 2);
	return l.target && Number(two) === l.target.ratio ? number(l.ratio, 3) : two;
};
const ratioCell = (l) =>
	l.ratioRange ? `${ratioText(l)} (${number(l.ratioRange.min, 2)}–${number(l.ratioRange.max, 2)})` : "—";
const targetText = (t) => (t ? `${t.at === "least" ? "≥" : "≤"} ${t.ratio}` : "—");
const metText = (met) => (met === null ? "" : met ? "yes" : "**no**");
/** The verdict on the judged runner; on the other one, what it would have been, in parentheses. */
const metCell = (l) =>
	l.met !== null || l.metIfJudged === null ? metText(l.met) : `(${l.metIfJudged ? "yes" : "no"})`;
const digits = (unit) => (unit === "ms" ? 1 : 0);
const cell = (s, unit) =>
	s ? `${number(s.median, digits(unit))} (${number(s.min, digits(unit))}–${number(s.max, digits(unit))})` : "—";
const isSession = (l) => l.group === "sessions";

function printLines(lines, head) {
	const rows = lines.map((l) => [
		RUNNER_TEXT[l.runner],
		l.label,
		l.unit,
		cell(l.service, l.unit),
		cell(isSession(l) ? l.reference : l.baseline, "rows/s"),
		ratioCell(l),
		targetText(l.target),
		l.met !== null ? (l.met ? "met" : "MISSED") : l.metIfJudged === null ? "" : l.metIfJudged ? "(met)" : "(missed)",
	]);
	head = ["runner", ...head];
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const format = (r) => r.map((c, i) => (i >= 3 && i <= 5 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
	console.log(`\n${format(head)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
	for (const r of rows) console.log(format(r));
}

export function printTable(lines) {
	const against = lines.filter((l) => !isSession(l));
	if (against.length > 0) {
		printLines(against, [
			"measurement",
			"unit",
			"service median (min–max)",
			"baseline median (min–max)",
			"ratio (min–max)",
			"target",
			"",
		]);
	}
	const own = lines.filter(isSession);
	if (own.length > 0) {
		printLines(own, [
			"session line (service only)",
			"unit",
			"median (min–max)",
			"plain insert rows/s",
			"÷ plain (min–max)",
			"target",
			"",
		]);
	}
}

const xml = (s) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/**
 * A horizontal bar per measurement and runner: the ratio service/baseline, the line at 1 and the target tick; the
 * runner the targets are judged on in full colour, the other one pale.
 */
export function chart(all) {
	const judgedRunner = all[0]?.runner;
	const lines = all
		.filter((l) => l.ratio !== undefined)
		.map((l) => ({
			...l,
			label: `${RUNNER_TEXT[l.runner]}: ${l.label}${isSession(l) ? " (÷ plain insert)" : ""}`,
		}));
	const longest = Math.max(...lines.map((l) => l.label.length + (l.unit === "ms" ? 18 : 0)));
	const labelWidth = Math.max(330, Math.ceil(longest * 5.8) + 10);
	const barWidth = 380;
	const row = 22;
	const top = 40;
	const max = Math.max(2, ...lines.map((l) => Math.ceil(l.ratio * 2) / 2));
	const x = (ratio) => Math.round((labelWidth + (Math.min(ratio, max) / max) * barWidth) * 10) / 10;
	const height = top + lines.length * row + 30;
	const parts = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + barWidth + 90}" height="${height}" font-family="sans-serif" font-size="12">`,
		"<title>Service ÷ baseline for each benchmark line on each runner (session lines: ÷ the service's plain insert), with the targets</title>",
		`<rect width="100%" height="100%" fill="white"/>`,
		`<text x="10" y="20" font-size="14" font-weight="bold">Service ÷ baseline per runner (same run, medians; session lines ÷ the plain insert); ticks mark the targets, judged on the bare runtime</text>`,
	];
	for (let r = 0; r <= max; r += 0.5) {
		parts.push(
			`<line x1="${x(r)}" y1="${top - 6}" x2="${x(r)}" y2="${height - 24}" stroke="${r === 1 ? "#333" : "#ddd"}"/>`,
			`<text x="${x(r)}" y="${height - 10}" text-anchor="middle" fill="#555">${r}</text>`,
		);
	}
	lines.forEach((l, i) => {
		const y = top + i * row;
		const judged = l.runner === judgedRunner;
		const verdict = judged ? l.met : l.metIfJudged;
		const color =
			verdict === null
				? judged
					? "#9aa5b1"
					: "#d5dadf"
				: verdict
					? judged
						? "#2f9e44"
						: "#b2f2bb"
					: judged
						? "#e03131"
						: "#ffc9c9";
		const lower = l.unit === "ms" ? " (lower is better)" : "";
		parts.push(
			`<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${xml(l.label + lower)}</text>`,
			`<rect x="${labelWidth}" y="${y + 3}" width="${Math.round((x(l.ratio) - labelWidth) * 10) / 10}" height="${row - 8}" fill="${color}"/>`,
			`<text x="${Math.max(x(l.ratio), l.target ? x(l.target.ratio) : 0) + 4}" y="${y + 14}">${ratioText(l)}</text>`,
		);
		if (l.target) {
			parts.push(
				`<line x1="${x(l.target.ratio)}" y1="${y + 1}" x2="${x(l.target.ratio)}" y2="${y + row - 3}" stroke="black" stroke-width="2"/>`,
			);
		}
	});
	parts.push("</svg>");
	return `${parts.join("\n")}\n`;
}

function cpuSection(results) {
	const perRunner = byRunner(results.insert100k, "service");
	const runners = RUNNERS.filter((r) => perRunner[r]);
	if (runners.length === 0) return "Not measured in this run.";
	const insert100k = perRunner[runners[0]];
	const row = (name, d) =>
		`| ${name} | ${number(d.wall, 0)} | ${d.total === undefined ? "—" : number(d.total, 0)} | ${d.db === undefined ? "—" : number(d.db, 0)} | ${d.total === undefined ? "—" : number(d.total - d.db, 0)} | ${number(d.workerdCpu, 0)} | ${number(d.profileCpu, 0)} |`;
	return [
		"Medians over the runs of the 100,000-row insert above (`POST /users?return=minimal`, 100,000 rows, 6.5 MB of JSON), in ms:",
		"",
		"| runner | Worker | client wall | Server-Timing `total` | Server-Timing `db` (D1's own time) | total − db | workerd process CPU | Worker isolate CPU (V8 profile) |",
		"|---|---|--:|--:|--:|--:|--:|--:|",
		...runners.flatMap((r) => [
			row(`${RUNNER_TEXT[r]} | service`, perRunner[r].service),
			row(`${RUNNER_TEXT[r]} | baseline`, perRunner[r].baseline),
		]),
		"",
		"- **client wall**: from the first byte sent to the last byte of the answer: through wrangler's proxy under wrangler dev, straight to workerd on the bare runtime.",
		"- **Server-Timing** (`total;dur`, `db;dur`): the service's own figures. `db` is D1's `meta.duration` summed over the batch's statements, so **total − db** is the time the request spent outside D1's SQL: receiving and parsing the body, validation, building statements, moving the JSON chunks to D1 and back, answering. It is wall time, so it counts waiting for the 6.5 MB body to arrive and for D1's I/O, not only CPU: an upper bound of the Worker's CPU time. The baseline reports only `db`.",
		"- **workerd process CPU**: user + system CPU of the workerd process that runs the Worker *and* local D1's SQLite, read from `/proc/<pid>/stat` before and after the request (10 ms ticks). Minus `db`, it brackets the Worker's CPU from above too.",
		"- **Worker isolate CPU (V8 profile)**: one further insert profiled through the DevTools inspector (wrangler dev's `--inspector-port`, or workerd's own on the bare runtime; `Profiler.start`/`stop`): the time the Worker's V8 isolate was executing JavaScript or collecting garbage, waits excluded. This is the closest local figure to what Cloudflare bills as CPU time (D1's SQL runs outside the Worker in production and is billed as rows read/written, not as CPU). It is one sampled run, so expect ±30% between runs, and it misses native work done off any JavaScript stack: the baseline's `request.json()` parses its body that way (about 18 ms for this body, by the service's own `JSON.parse` in `readBody`), so the baseline's figure is low by about that much.",
		"",
		`On the Workers Paid plan CPU time is billed per million CPU-milliseconds beyond the monthly allowance (US$0.02 per million CPU-ms at the time of writing; check the pricing page), and a request may use 30 s of CPU by default. At about ${number(insert100k.service.profileCpu, 0)} ms of isolate CPU (on ${onRunner(runners[0])}), one 100,000-row insert costs roughly ${number(insert100k.service.profileCpu * 0.02, 1)} millionths of a dollar in CPU; the ${number(insert100k.rowsWritten ?? 0)} rows written that D1 reports for it (table and index rows) weigh far more on the D1 bill than the CPU does on the Workers bill.`,
	].join("\n");
}

function profileSection(results) {
	const perRunner = byRunner(results.profiles, "bulk insert, 100,000 rows");
	const runners = RUNNERS.filter((r) => perRunner[r] && Object.keys(perRunner[r]).length > 0);
	if (runners.length === 0) return "Not profiled in this run.";
	const out = [
		"Each operation run once more on each Worker under the V8 sampling profiler (every 200 µs, through the inspector). CPU is the isolate's time executing JavaScript, built-ins or the garbage collector, waits excluded; a built-in's time is charged to the code that called it. The load lines are divided by the requests served while profiling. On a busy machine a sample can also land while the thread waits for a core, so read these as shares, not exact costs.",
		"",
		"| runner | operation | service CPU | baseline CPU | the service's CPU by package or file |",
		"|---|---|--:|--:|---|",
	];
	for (const [runner, name, runs] of runners.flatMap((r) =>
		Object.entries(perRunner[r]).map(([name, runs]) => [r, name, runs]),
	)) {
		const perRequest = (summary) => summary.cpuMs / (summary.divisor ?? 1);
		const digits = runs.service.divisor ? 2 : 0;
		const unit = runs.service.divisor ? " ms/request" : " ms";
		const consumers = runs.service.byPackage
			.filter((p) => p.ms / runs.service.cpuMs >= 0.02)
			.map((p) => `${xml(p.name)} ${number(p.ms / (runs.service.divisor ?? 1), digits)}`)
			.join("; ");
		out.push(
			`| ${RUNNER_TEXT[runner]} | ${name} | ${number(perRequest(runs.service), digits)}${unit} | ${number(perRequest(runs.baseline), digits)}${unit} | ${consumers} |`,
		);
	}
	return out.join("\n");
}

function memorySection(memory) {
	if (!memory)
		return "Not measured in this run (`--quick` skips it; `node bench/export-memory.mjs` measures it alone).";
	const mb = (kb) => `${number(kb / 1024, 0)} MB`;
	const [small, large] = memory.exports;
	const added = (e) => e.peakKb - e.rssBeforeKb;
	return [
		`A fresh service (its own \`wrangler dev\`, its own state) seeded with 100,000 rows and then 1,000,000 (\`POST /users?return=minimal\`, 100,000 rows a request), exporting all of them with \`GET /users/export?format=ndjson\` to a client that reads as fast as it can, while the RSS of the workerd process that runs the service and its local D1 is sampled every ${memory.sampleMs} ms (\`/proc/<pid>/status\` VmRSS):`,
		"",
		"| rows exported | RSS before the export | peak RSS during the export | added by the export | export time | NDJSON streamed |",
		"|--:|--:|--:|--:|--:|--:|",
		...memory.exports.map(
			(e) =>
				`| ${number(e.rows)} | ${mb(e.rssBeforeKb)} | ${mb(e.peakKb)} | ${mb(added(e))} | ${number(e.ms / 1000, 1)} s | ${number(e.bytes / 1e6, 0)} MB |`,
		),
		"",
		`The fresh process used ${mb(memory.idleKb)} before any row was written; seeding (bodies of about 5 MB parsed and validated, SQLite's pages) is what raises the RSS before each export, not the export. During the export the RSS rose by ${mb(added(small))} for ${number(small.rows)} rows and by ${mb(added(large))} for ${number(large.rows)} rows: ${number(large.rows / small.rows)} times the rows and ${number(large.bytes / 1e6, 0)} MB of NDJSON, ${number(added(large) / Math.max(1, added(small)), 1)} times the memory. The stream does not hold the export; what it holds at a time is one page of rows and its NDJSON text, and garbage V8 has not collected yet.`,
	].join("\n");
}

const TUTORIAL_WAYS = ["bulk", "unit of work"];
const TUTORIAL_CODE = {
	bulk: {
		insert: "`session.execute(insert(Userdata), add_list)`, `commit()`",
		update: "`session.execute(update(Userdata).where(user_id == bindparam(…)).values(…), change_list)`, `commit()`",
		delete: '`session.execute(delete(Userdata).where(Userdata.user_id.startswith("bulk-")))`, `commit()`',
	},
	"unit of work": {
		insert: "`session.add(Userdata(…))` per row, `commit()`",
		update: "per row `select(Userdata).where(user_id == id)`, set `user_data`; `commit()`",
		delete: "per row `select(Userdata).where(user_id == id)`, `session.delete()`; `commit()`",
	},
};

/** The runners a run's service bulk lines were measured on, the one the targets are judged on first. */
const serviceRunners = (results) =>
	RUNNERS.filter((runner) => results.raw.bulk.some((r) => r.server === "service" && runnerOf(r) === runner));

/**
 * The tutorial's lines (bench/tutorial/peer.py, in-process SQLite) against the service's bulk lines of the same size
 * and operation on each runner: service ÷ tutorial, the ratio of the medians (the two are not interleaved repetition
 * by repetition). `service` and `ratio` are the judged runner's, `byRunner` has every runner's.
 */
export function tutorialLines(results) {
	const records = results.raw.tutorial ?? [];
	const runners = serviceRunners(results);
	const lines = [];
	for (const way of TUTORIAL_WAYS) {
		for (const op of ["insert", "update", "delete"]) {
			for (const rows of [...new Set(records.map((r) => r.rows))].sort((a, b) => a - b)) {
				const of = records.filter((r) => r.way === way && r.op === op && r.rows === rows);
				if (of.length === 0) continue;
				const tutorial = stats(of.map((r) => r.rowsPerSec));
				const byRunner = Object.fromEntries(
					runners.map((runner) => {
						const mine = results.raw.bulk
							.filter((r) => r.server === "service" && runnerOf(r) === runner && r.op === op && r.rows === rows)
							.map((r) => r.rowsPerSec);
						const service = mine.length > 0 ? stats(mine) : null;
						return [runner, { service, ratio: service ? service.median / tutorial.median : undefined }];
					}),
				);
				const judged = byRunner[runners[0]];
				lines.push({
					way,
					op,
					rows,
					label: `${way} ${op}, ${number(rows)} rows`,
					tutorial,
					service: judged?.service ?? null,
					ratio: judged?.ratio,
					byRunner,
				});
			}
		}
	}
	return lines;
}

const times = (r) => (r >= 10 ? number(r, 0) : number(r, 2));

/** The plain answer for one way: does the service over HTTP beat the tutorial's in-process code, by how much. */
function verdict(way, lines) {
	const of = lines.filter((l) => l.way === way && l.ratio !== undefined);
	if (of.length === 0) return `No service lines to compare the tutorial's ${way} with.`;
	const ratios = of.map((l) => l.ratio);
	const lo = Math.min(...ratios);
	const hi = Math.max(...ratios);
	const what =
		way === "bulk"
			? "bulk path (`insert()` with a list, `update()` by primary key, `delete().where()`)"
			: "unit of work (`session.add()` per row, select-modify-commit, select-delete-commit)";
	const list = (ls) => ls.map((l) => `${l.op} at ${number(l.rows)} rows ${times(l.ratio)}×`).join(", ");
	const faster = of.filter((l) => l.ratio > 1);
	const slower = of.filter((l) => l.ratio <= 1);
	if (slower.length === 0)
		return `**Yes, against the tutorial's ${what}: the service over HTTP is faster on all ${of.length} lines, by ${times(lo)}× to ${times(hi)}×** (service ÷ tutorial: ${list(of)}).`;
	if (faster.length === 0)
		return `**No, against the tutorial's ${what}: the tutorial's in-process code is faster on all ${of.length} lines, by ${times(1 / hi)}× to ${times(1 / lo)}×**; the service reaches ${number(lo, 2)} to ${number(hi, 2)} of its rows/s (service ÷ tutorial: ${list(of)}).`;
	return `**Partly, against the tutorial's ${what}: the service over HTTP is faster on ${faster.length} of ${of.length} lines** (service ÷ tutorial: ${list(faster)}) **and slower on ${slower.length}** (${list(slower)}: the tutorial ${slower.map((l) => `${times(1 / l.ratio)}×`).join(", ")} faster there).`;
}

function tutorialSection(results) {
	const t = results.tutorial;
	if (!t)
		return "Not measured in this run (`npm run bench -- --only tutorial` measures these lines alone, against the service's lines of the latest full run).";
	if (t.skipped)
		return `Skipped in this run: ${t.skipped}. \`apt-get install -y python3-sqlalchemy\` and run it again.`;
	const lines = tutorialLines(results);
	const runners = serviceRunners(results);
	const reps = Math.max(...results.raw.tutorial.map((r) => r.rep)) + 1;
	const at = (iso) => `${iso.slice(0, 16).replace("T", " ")} UTC`;
	const load = (m) =>
		`load average ${m.loadBefore.map((n) => n.toFixed(2)).join(", ")} at its start, ${m.loadAfter.map((n) => n.toFixed(2)).join(", ")} at its end`;
	const source = !results.raw.bulk.some((r) => r.server === "service")
		? "This run has no service bulk lines to compare them with (`--only tutorial` compares with the latest full run)."
		: t.service?.from === "this run" || !t.run
			? "The service's figures are its bulk lines of this same run (the table at the top), measured before the tutorial's, which ran after the Workers had stopped."
			: `The tutorial's lines come from a separate run, \`${t.run.command}\` on ${at(t.run.started)} ([\`${t.run.path}\`](../${t.run.path}); ${load(t.run.machine)}). **The service's figures they are compared with are the bulk lines of the full run at the top of this page** (${at(results.started)}), the latest full run in \`bench/results\` then, not measured beside them: the machine may have moved in between.`;
	return [
		`The tutorial's own program (\`bench/tutorial/peer.py\`; the tutorial: "Use SQLAlchemy to write data to a database table") on Debian's SQLAlchemy ${t.sqlalchemy} (Python ${t.python}, SQLite ${t.sqlite}), writing the bulk lines' rows (\`bulk-0000000\`…, \`bulk data for row i\`, then \`updated data for row i\`) in-process to a fresh SQLite file in a temporary directory with SQLite's defaults: no HTTP, no JSON, no validation, no Worker, one process. Both ways the tutorial shows, each operation ending in \`commit()\` and timed from before its first statement to after the commit; ${reps} repetition${reps === 1 ? "" : "s"} of each, the delete emptying the table each time. The model is adapted to SQLAlchemy 1.4 as little as possible (see *The tutorial's program as a peer* below). Service ÷ tutorial is the ratio of the medians: above 1, the service over HTTP is faster.`,
		"",
		source,
		"",
		`| line | the tutorial's code | tutorial rows/s, median (min–max) | ${runners.map((r) => `service rows/s on ${RUNNER_TEXT[r]}, median (min–max) | service ÷ tutorial (${RUNNER_TEXT[r]})`).join(" | ")} |`,
		`|---|---|--:|${runners.map(() => "--:|--:|").join("")}`,
		...lines.map(
			(l) =>
				`| ${l.label} | ${TUTORIAL_CODE[l.way][l.op]} | ${cell(l.tutorial, "rows/s")} | ${runners.map((r) => `${cell(l.byRunner[r]?.service, "rows/s")} | ${l.byRunner[r]?.ratio === undefined ? "—" : number(l.byRunner[r].ratio, 2)}`).join(" | ")} |`,
		),
		"",
		`Does the service over HTTP beat the tutorial's in-process code? (On ${onRunner(runners[0] ?? "bare")}${runners.length > 1 ? `; ${runners.slice(1).map(onRunner).join(", ")} in the table` : ""}.)`,
		"",
		...TUTORIAL_WAYS.map((way) => `- ${verdict(way, lines)}`),
	].join("\n");
}

/** The tutorial's lines on the console. */
export function printTutorial(results) {
	const t = results.tutorial;
	if (!t) return;
	if (t.skipped) {
		console.log(`\ntutorial lines skipped: ${t.skipped}`);
		return;
	}
	const lines = tutorialLines(results);
	const runners = serviceRunners(results);
	const head = [
		"tutorial line",
		"tutorial rows/s median (min–max)",
		...runners.flatMap((r) => [`service rows/s, ${RUNNER_TEXT[r]}`, `÷ tutorial (${RUNNER_TEXT[r]})`]),
	];
	const rows = lines.map((l) => [
		l.label,
		cell(l.tutorial, "rows/s"),
		...runners.flatMap((r) => [
			cell(l.byRunner[r]?.service, "rows/s"),
			l.byRunner[r]?.ratio === undefined ? "—" : number(l.byRunner[r].ratio, 2),
		]),
	]);
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const format = (r) => r.map((c, i) => (i >= 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
	console.log(`\n${format(head)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
	for (const r of rows) console.log(format(r));
	console.log(`(service lines from ${t.service?.from ?? "nowhere: no bulk lines in this run"})`);
	if (runners.length > 0) console.log(`(the verdicts on ${onRunner(runners[0])})`);
	for (const way of TUTORIAL_WAYS) console.log(verdict(way, lines).replaceAll("**", ""));
}

function sessionSection(results, lines) {
	const all = lines.filter(isSession);
	if (all.length === 0)
		return "Not measured in this run (`npm run bench -- --only sessions` measures these lines alone).";
	// The prose describes the runner the targets are judged on; the tables show every runner.
	const judged = all[0].runner;
	const own = all.filter((l) => l.runner === judged);
	const reps = results.config.sessionReps;
	const staged = results.config.sessionStages * 100_000;
	const view = (s, c) =>
		own.find((l) => l.label.startsWith(`pending view, first page: ${number(s)} staged, ${number(c)} committed`));
	const committed = results.config.readRows;
	const commit = own.find((l) => l.label.startsWith("commit") && l.unit === "rows/s");
	const [v0, v1, vN, over] = [
		view(0, committed),
		view(100_000, committed),
		view(staged, committed),
		view(0, committed + staged),
	];
	const perRow = (v) =>
		((v.service.median - v0.service.median) * 1000) / Number(v.label.match(/: ([\d,]+) staged/)[1].replaceAll(",", ""));
	const growth =
		v0 && v1 && vN
			? `On ${onRunner(judged)}, the pending view's first page took ${number(v0.service.median, 0)} ms with nothing staged, ${number(v1.service.median, 0)} ms with ${number(100_000)} rows staged and ${number(vN.service.median, 0)} ms with ${number(staged)}: ${number(perRow(v1), 2)} and ${number(perRow(vN), 2)} µs per staged row above the empty session's, ${number(vN.service.median / v1.service.median, 1)} times the time for 10 times the rows. It is linear in the rows staged, whatever the page: each view copies into the scratch table every committed row the staged operations name, applies the operations there (here it inserts every staged row into the scratch, after a guard that looks each one up), reads one page of the table with the scratch in its place, and deletes the scratch again, all in one batch. D1's own time (\`db\`) is ${number(vN.figures.db, 0)} ms of it at ${number(staged)} rows, and D1 reports ${number(vN.figures.rowsRead, 0)} rows read and ${number(vN.figures.rowsWritten, 0)} written for that one page (the commit of the same session: ${number(commit?.figures.rowsWritten ?? Number.NaN, 0)} written), every one of them billed in production.${over ? ` The committed rows do not count: a new session's view over the ${number(committed + staged)} rows committed then took ${number(over.service.median, 0)} ms.` : ""}`
			: "";
	return [
		`The session routes (API.md § Sessions) on the service alone: the baseline has no sessions. Each of the ${reps} repetitions starts with a plain \`POST /users?return=minimal\` of 100,000 rows, shaped as the bulk insert's, into a table of ${number(committed)} committed rows; then it deletes them, opens a session, stages the same rows in one \`POST /sessions/{id}/operations\` (one insert of 100,000 rows), then ${results.config.sessionStages - 1} more such requests of new ids up to ${number(staged)} staged rows, reads the pending view's first page (\`GET /sessions/{id}/users\`, the default limit of 100) at 0, 100,000 and ${number(staged)} staged rows, commits (\`POST /sessions/{id}/commit\`), reads a new session's view over the ${number(committed + staged)} rows then committed and rolls that session back, and deletes the committed rows. A ratio is taken per repetition, the line ÷ that repetition's plain insert, and its median is what the target is checked against.`,
		"",
		"| runner | measurement | unit | median (min–max) | plain `POST /users`, 100,000 rows, rows/s | ÷ plain insert, median (min–max) | target | met |",
		"|---|---|---|--:|--:|--:|--:|:-:|",
		...all.map(
			(l) =>
				`| ${RUNNER_TEXT[l.runner]} | ${l.label} | ${l.unit} | ${cell(l.service, l.unit)} | ${l.ratioRange ? cell(l.reference, "rows/s") : "—"} | ${ratioCell(l)} | ${targetText(l.target)} | ${metCell(l)} |`,
		),
		"",
		"Where the time goes, medians in ms: the client's wall time; the service's `Server-Timing` `total` and `db` (D1's `meta.duration` summed over the request's batch; a session request's first read of the session is not in it); total − db, the Worker's time outside D1's SQL; the CPU of the workerd process that runs the Worker and local D1 (10 ms ticks); and the D1 statements of the batch with the rows D1 reports read and written (what it bills).",
		"",
		"| runner | measurement | wall | total | db | total − db | workerd CPU | statements | rows read | rows written |",
		"|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
		...all
			.filter((l) => l.unit !== "ms" || l.label.startsWith("pending view"))
			.map((l) => {
				const f = l.figures;
				return `| ${RUNNER_TEXT[l.runner]} | ${l.label} | ${number(f.wall, 0)} | ${number(f.total, 0)} | ${number(f.db, 0)} | ${number(f.total - f.db, 0)} | ${number(f.workerdCpu, 0)} | ${number(f.statements, 0)} | ${number(f.rowsRead, 0)} | ${number(f.rowsWritten, 0)} |`;
			}),
		"",
		growth,
		"",
		`The session lines took ${number(results.sessionSeconds ?? Number.NaN, 0)} s of this run (building their request bodies included). What a committed or rolled-back session staged stays in \`session_row\` until the Cron Trigger removes it; the bench runs \`wrangler dev\` without \`--test-scheduled\` (which would put a middleware in front of every request it measures) and Miniflare's API runs no Cron Triggers, so the trigger never fires during a run, the lines run last, after every other line, and each repetition's session starts beside the staged rows of the ones before it.`,
	]
		.filter((line, i, all) => line !== "" || all[i - 1] !== "")
		.join("\n");
}

const HOW_TO_READ = `- Two runners, the same two Workers. **wrangler dev** runs them as \`npm start\` does: wrangler's proxy (a Node process and a second workerd) and its dev-only middleware in front of the Worker's workerd. The **bare runtime** serves the bundle that \`wrangler deploy --dry-run --outdir\` builds with Miniflare's API (\`bench/bare.mjs\`; wrangler's own Miniflare, so the same workerd), given what wrangler itself derives from \`wrangler.toml\` for Miniflare (\`unstable_getMiniflareWorkerOptions\`: compatibility date and flags, the D1 binding, \`[assets]\` with \`run_worker_first\`), D1 persisted where wrangler's \`--persist-to\` keeps it, and nothing in front of the Worker: the bench talks to the Worker's own socket (Miniflare's \`unsafeDirectSockets\`), not through Miniflare's asset-router Worker, the local stand-in for the platform's routing (see the findings). **The targets are judged on the bare runtime**, the closer local stand-in for the Worker as deployed; wrangler dev's ratios stand beside them, with the verdict they would get in parentheses.
- Each line is one operation on every Worker of every runner, measured in the same run and interleaved (wrangler dev's service and baseline, then the bare runtime's, the order reversed on odd repetitions), so that noise on this shared machine hits all alike. The cells are medians with the (min–max) of the repetitions. The ratio is taken per repetition, service ÷ the baseline run next to it, and its median over the repetitions is what the target is checked against; the (min–max) of those ratios shows how much the machine moved during the run.
- Bulk lines time one request of 1,000, 10,000 or 100,000 rows from the client's side (first byte sent to last byte received), through \`wrangler dev\`'s proxy or straight to workerd on the bare runtime: insert is \`POST /users?return=minimal\` (a bulk loader wants the count, not its rows echoed back), update is \`PATCH /users\` with an array, delete is \`DELETE /users?user_id_prefix=bulk-\` (it also empties the table for the next repetition).
- Single-row lines are autocannon runs against 10,000 seeded rows (ids spread over the table): requests per second and latency percentiles. For latency lines a ratio above 1 means the service is slower.
- The paged walk follows \`next_cursor\` through \`GET /users?limit=1000\`; the export streams \`GET /users/export?format=ndjson\` to the end. Both over 100,000 rows.
- The session lines (their own section below) have no baseline: each is compared with the service's own plain \`POST /users\` of 100,000 rows in the same repetition.
- The baseline (\`bench/baseline/index.ts\`) is what the service would be with nothing but D1: no router, no auth, no validation, no ORM, no guards; the same \`json_each\` statements chunked by bytes (≤ 1,000,000 per JSON value), so it is the ceiling the service is measured against, not a competitor.
- Absolute numbers depend on this machine and on everything else running on it; compare ratios, and only within one run.`;

const RUNNING = `- \`npm run bench\` or \`npm run bench -- --quick\` (3 repetitions, 3-second load runs, no memory measurement; the tutorial's lines one repetition each). With both runners a quick run of every phase took 4 min 37 s here (the session lines 70 s, the tutorial's about as long); a full run under wrangler dev alone took about 6½ minutes and 3½ more for the tutorial's lines, so with both runners expect about 13 and 3½. \`--runners wrangler\` or \`--runners bare\` measures under one runner alone. \`npm run bench -- --only sessions\` (or \`--only bulk,load\`, …; phases bulk, profile, load, reads, sessions, memory, tutorial) runs some phases alone, the service alone when no phase needs the baseline; it writes \`bench/results/<start time>-only-<phases>.json\` and prints the table, and leaves this page as it is, except \`--only tutorial\`: that regenerates this page from the latest full run in \`bench/results\`, its tutorial lines beside that run's service lines (\`node bench/run.mjs --report <full run>.json --tutorial <tutorial run>.json\` does the same from saved files). The tutorial phase runs \`/usr/bin/python3 bench/tutorial/peer.py\` (\`TUTORIAL_PYTHON\` to change it) after the Workers have stopped, and first installs Debian's \`python3-sqlalchemy\` with \`apt-get\` if that Python cannot import it (as root; otherwise, or if apt-get fails, it skips the tutorial lines and says so); \`npm test\` never installs it. Node 20.10 or later (the profiler speaks to the inspectors over Node's WebSocket).
- It copies \`src/\`, \`migrations/\` and \`bench/baseline/\` to a temporary directory and starts both Workers from there under each runner, so that edits to \`src/\` during a run neither reload a Worker nor mix two versions in one run; each gets fresh \`--persist-to\` state with the migrations applied by \`wrangler d1 migrations apply --local\`; under wrangler dev its own dev registry and \`--log-level warn\`. Ports: wrangler dev 8810–8813 (service, baseline, their inspectors), the bare runtime 8820–8823 likewise, the memory run (wrangler dev alone) 8814–8815. The service runs with \`READ_TOKEN=bench-read\`, \`WRITE_TOKEN=bench-write\` (\`--var\`, or Miniflare bindings); the client sends the write token to both. Every server is stopped (its whole process group) at the end, on errors and on Ctrl-C.
- It writes \`bench/results/<start time>.json\` (every repetition, the profiles' summaries, the machine) and regenerates this page and \`docs/benchmarks.svg\`; \`node bench/run.mjs --report bench/results/<file>.json\` regenerates them from a saved run. A run that fails part-way keeps what it measured in \`bench/results/<start time>-failed.json\` (with the error), and makes no docs. A load run that stalls (requests left unanswered past autocannon's 10 s timeout, or connections reset, and no answer but 2xx) is kept in the results (\`raw.stalls\`, with the errors by kind, how \`/healthz\` answered just after and the tail of the server's log), named under the table at the top, and made once more; if that one stalls too, its figures are kept, marked, when at most 3% of its requests failed, and otherwise the run fails, as it does on a non-2xx answer or any other request unanswered for 120 s. The bench also writes \`docs/benchmarks-bulk.svg\` and \`docs/benchmarks-load.svg\` (\`bench/charts.mjs\`). The raw \`.cpuprofile\` files are left in a temporary directory named in the output, for Chrome DevTools.

- Further tools used for the analysis below:
  - \`node bench/compare.mjs REV [REV]\`: two versions of the service (git revisions, or \`.\` for the working tree) against the baseline, interleaved, for bulk writes and the export. It prints the ratios. Ports 8811, 8813 and 8814–8817.
  - \`npm run bench:sql\`: D1's own time for the SQL of a 100,000-row insert and update, in the service's fast and compact forms and the baseline's (\`bench/statements.probe.ts\`); and D1's time for each statement of a pending view's first page and of a commit at 1,000,000 staged rows, beside read-only SQL for the same view (\`bench/sessions.probe.ts\`; alone: \`npx vitest run --config bench/probe.config.ts bench/sessions.probe.ts\`). It runs in the test pool's local D1, with no HTTP.
  - \`node bench/export-memory.mjs\`: the memory figures alone.
  - \`REPS=5 node bench/ablate.mjs\`: copies of the service with one cost removed each, against the baseline (\`--check\` only applies and bundles the variants: stale edits fail in seconds).
  - \`npx tsx bench/builders.ts\`: the service's pure request-side steps, timed in Node.`;

/** The lines against the baseline as one table: a row per measurement, each runner's three cells side by side. */
function mainTable(lines) {
	const against = lines.filter((l) => !isSession(l));
	const runners = [...new Set(against.map((l) => l.runner))];
	const judged = runners[0];
	const labels = [...new Set(against.map((l) => l.label))];
	const head = runners.flatMap((r) => [
		`${RUNNER_TEXT[r]}: service`,
		`${RUNNER_TEXT[r]}: baseline`,
		`${RUNNER_TEXT[r]}: service ÷ baseline`,
	]);
	return [
		`| measurement | unit | ${head.join(" | ")} | target | met (${RUNNER_TEXT[judged]}) |`,
		`|---|---|${runners.map(() => "--:|--:|--:|").join("")}--:|:-:|`,
		...labels.map((label) => {
			const of = runners.map((r) => against.find((l) => l.label === label && l.runner === r));
			const first = of.find(Boolean);
			const cells = of.flatMap((l) =>
				l ? [cell(l.service, l.unit), cell(l.baseline, l.unit), ratioCell(l)] : ["—", "—", "—"],
			);
			const verdict = of[0] ? metText(of[0].met) : "";
			return `| ${label} | ${first.unit} | ${cells.join(" | ")} | ${targetText(first.target)} | ${verdict} |`;
		}),
	].join("\n");
}

/** The headline: the targets met and missed on the runner they are judged on, and what the other runner would get. */
function verdicts(lines) {
	const judged = lines[0]?.runner;
	const others = [...new Set(lines.map((l) => l.runner))].filter((r) => r !== judged);
	const missed = lines.filter((l) => l.met === false);
	const met = lines.filter((l) => l.met === true);
	const out = [
		`**Targets (judged on ${onRunner(judged)}): ${met.length} met, ${missed.length} missed${missed.length ? ` (${missed.map((l) => l.label).join("; ")})` : ""}.**`,
	];
	for (const runner of others) {
		const of = lines.filter((l) => l.runner === runner && l.metIfJudged !== null);
		const miss = of.filter((l) => !l.metIfJudged);
		out.push(
			`Judged on ${onRunner(runner)} instead, the same targets would be ${of.length - miss.length} met, ${miss.length} missed${miss.length ? ` (${miss.map((l) => l.label).join("; ")})` : ""}.`,
		);
	}
	return out.join("\n");
}

/** Every runner a run measured on, the judged one first. */
const runnersIn = (raw) => RUNNERS.filter((runner) => [...raw.bulk, ...raw.load].some((r) => runnerOf(r) === runner));

/** A chart point: the median of the values and their min–max. */
const point = (x, values) => {
	const s = stats(values);
	return { x, y: s.median, lo: s.min, hi: s.max };
};

/** The bulk lines' rows/s by size, per operation: service and baseline on each runner, and the tutorial's two ways. */
export function bulkChart(results) {
	const { raw } = results;
	const runners = runnersIn(raw);
	const workers = runners.flatMap((runner) =>
		["service", "baseline"].map((server) => ({
			runner,
			server,
			name: `${server}, ${RUNNER_TEXT[runner]}`,
			color: server === "service" ? STYLE.blue : STYLE.orange,
			dash: runner !== runners[0],
			shape: runner === runners[0] ? "circle" : "ring",
		})),
	);
	const tutorial = (raw.tutorial ?? []).length > 0 ? TUTORIAL_WAYS : [];
	const ways = tutorial.map((way, i) => ({
		way,
		newRow: i === 0,
		name: `tutorial, ${way === "bulk" ? "bulk path" : "unit of work"} (in-process SQLite)`,
		color: way === "bulk" ? STYLE.green : STYLE.purple,
		shape: way === "bulk" ? "square" : "triangle",
	}));
	const series = [...workers, ...ways];
	const panels = ["insert", "update", "delete"].map((op) => {
		const lineOf = (name, records) => {
			const sizes = [...new Set(records.map((r) => r.rows))];
			const points = sizes.map((rows) =>
				point(
					rows,
					records.filter((r) => r.rows === rows).map((r) => r.rowsPerSec),
				),
			);
			return { series: name, points };
		};
		const lines = [
			...workers.map((w) =>
				lineOf(
					w.name,
					raw.bulk.filter((r) => runnerOf(r) === w.runner && r.server === w.server && r.op === op),
				),
			),
			...ways.map((w) =>
				lineOf(
					w.name,
					raw.tutorial.filter((r) => r.way === w.way && r.op === op),
				),
			),
		].filter((l) => l.points.length > 0);
		return { title: `bulk ${op}`, lines };
	});
	if (!panels.some((p) => p.lines.length > 0)) return null;
	return logLogChart({
		title: "Bulk writes: rows per second by size (log–log)",
		subtitle: `Medians, whiskers min–max; ${runners.length > 1 ? `solid: ${onRunner(runners[0])}, dashed: ${runners.slice(1).map(onRunner).join(", ")}; ` : ""}the tutorial's lines run at 10,000 and 100,000 rows. ${results.command}, ${results.started.slice(0, 16).replace("T", " ")} UTC.`,
		xLabel: "rows in the request",
		yLabel: "rows/s",
		panels,
		series,
	});
}

/** Single-row GET and PATCH: req/s and p99 at each connection count, service and baseline, on each runner. */
export function loadChart(results) {
	const { raw } = results;
	if (raw.load.length === 0) return null;
	const runners = runnersIn(raw);
	const connections = [...new Set(raw.load.map((r) => r.connections))].sort((a, b) => a - b);
	const series = [
		{ name: "service", color: STYLE.blue, bar: true },
		{ name: "baseline", color: STYLE.orange, bar: true },
	];
	const panel = (op, pick, unit, what) => ({
		title: `${op.toUpperCase()} /users/:id, ${what}`,
		unit,
		groups: runners.flatMap((runner) =>
			connections.map((c) => ({
				label: [`${c} connections`, RUNNER_TEXT[runner]],
				bars: series.map((s) => {
					const p = point(
						c,
						raw.load
							.filter((r) => runnerOf(r) === runner && r.server === s.name && r.op === op && r.connections === c)
							.map(pick),
					);
					return { series: s.name, value: p.y, lo: p.lo, hi: p.hi };
				}),
			})),
		),
	});
	return barChart({
		title: "Single-row GET and PATCH under load: requests per second and p99 latency",
		subtitle: `Medians of the repetitions, whiskers min–max; req/s higher is better, p99 lower. ${results.command}, ${results.started.slice(0, 16).replace("T", " ")} UTC.`,
		panels: [
			panel("get", (r) => r.reqPerSec, "req/s", "requests per second"),
			panel("patch", (r) => r.reqPerSec, "req/s", "requests per second"),
			panel("get", (r) => r.p99, "ms", "p99 latency"),
			panel("patch", (r) => r.p99, "ms", "p99 latency"),
		],
		series,
	});
}

/** The load runs that stalled and were made once more (bench/run.mjs, loadRun), in a sentence. */
function stallsText(results) {
	const stalls = results.raw.stalls ?? [];
	if (stalls.length === 0)
		return "No load run stalled (no request unanswered past autocannon's 10 s timeout, no connection reset).";
	const kinds = (s) =>
		Object.entries(s.kinds ?? {})
			.map(([kind, n]) => `${number(n)} ${kind}`)
			.join(", ") || `${number(s.errors)} errors`;
	const each = stalls.map(
		(s) =>
			`${RUNNER_TEXT[runnerOf(s)]} ${s.server}, ${s.op.toUpperCase()} at ${s.connections} connections, repetition ${s.rep + 1}${s.attempt === 2 ? ", made again" : ""}: ${kinds(s)} in ${number(s.requests)} requests answered, \`/healthz\` then ${s.after.status} in ${number(s.after.ms)} ms${s.attempt === 2 ? (s.kept ? "; kept, with these failures" : "; the run failed") : ""}`,
	);
	const kept = stalls.filter((s) => s.kept).length;
	return `**Load runs stalled ${stalls.length} time${stalls.length === 1 ? "" : "s"}** (requests unanswered past autocannon's 10 s timeout, or connections reset, every answer 2xx); each such run was made once more${kept ? `, and ${kept === 1 ? "the one" : `the ${kept}`} that stalled again kept (at most 3% of the requests failed)` : ""}: ${each.join("; ")}. Details in the raw results (\`raw.stalls\`).`;
}

/** Write docs/benchmarks.md and docs/benchmarks.svg from a results object and its summary lines. */
export function writeDocs(results, lines, resultsPath) {
	writeFileSync(join(ROOT, "docs", "benchmarks.svg"), chart(lines));
	const bulkSvg = bulkChart(results);
	const loadSvg = loadChart(results);
	if (bulkSvg) writeFileSync(join(ROOT, "docs", "benchmarks-bulk.svg"), bulkSvg);
	if (loadSvg) writeFileSync(join(ROOT, "docs", "benchmarks-load.svg"), loadSvg);
	const figures = [
		bulkSvg ? "![Bulk writes: rows/s by size, service, baseline and the tutorial](benchmarks-bulk.svg)" : "",
		loadSvg ? "![Single-row GET and PATCH: req/s and p99, service and baseline](benchmarks-load.svg)" : "",
	].filter(Boolean);
	const findings = readFileSync(join(ROOT, "bench", "findings.md"), "utf8").trim();
	const m = results.machine;
	const doc = `# Benchmarks

<!-- Generated by \`npm run bench\` (bench/report.mjs); edit bench/findings.md or the generator, not this file. -->

The service against a minimal Worker doing the same work on the same local D1, in one run of
\`${results.command}\` (${results.mode} mode) on ${results.started.slice(0, 16).replace("T", " ")} UTC, under
${[...new Set(lines.map((l) => onRunner(l.runner)))].join(" and ")} (see How to read this).
Raw results: [\`${relative(ROOT, resultsPath)}\`](../${relative(ROOT, resultsPath)}).

${verdicts(lines)}

Each cell is a median (min–max) over the repetitions.

${mainTable(lines)}

![Service ÷ baseline per measurement and runner](benchmarks.svg)
${figures.map((f) => `\n${f}\n`).join("")}
Repetitions: bulk ${results.config.bulkReps} per size, load ${results.config.loadReps} × ${results.config.loadSeconds} s per line, walk and export ${results.config.readReps}${results.config.sessionReps ? `, sessions ${results.config.sessionReps}` : ""}.
${results.raw.stalls ? `${stallsText(results)}\n` : ""}
## The tutorial's SQLAlchemy program, in-process, as a peer

${tutorialSection(results)}

## Sessions: staging, the pending view, commit (service only)

${sessionSection(results, lines)}

## Machine

${m.cpus} × ${m.cpuModel}, ${number(m.memoryGb, 0)} GB RAM, ${m.os}; Node ${m.node}, wrangler ${m.wrangler} (\`wrangler dev\`, local D1)${m.miniflare ? `, its Miniflare ${m.miniflare} (the bare runtime, the same workerd)` : ""}, autocannon ${m.autocannon}.
Load average at the start ${m.loadBefore.map((n) => n.toFixed(2)).join(", ")}, at the end ${m.loadAfter.map((n) => n.toFixed(2)).join(", ")}: the machine is shared, and other work ran during the benchmark. Code: \`${results.git.commit.slice(0, 12)}\`${results.git.dirty ? " with uncommitted changes under src/" : ""}.

## How to read this

${HOW_TO_READ}

## Running it

${RUNNING}

## CPU time of a 100,000-row insert

${cpuSection(results)}

## Where the Worker's CPU goes (this run's profiles)

${profileSection(results)}

## Memory of the streamed export

${memorySection(results.memory)}

${findings}
`;
	writeFileSync(join(ROOT, "docs", "benchmarks.md"), doc);
}
