// What the gap is made of, measured: variants of the service with one cost removed each (in a private copy
// of src/, never in the repository), each against the baseline in the same run. `node bench/ablate.mjs [VARIANT…]`;
// `node bench/ablate.mjs --check` only makes each variant's copy and bundles it, to find stale edits in seconds.
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bulk, bulkBodies, load, median, ordered, pointId, seed } from "./measure.mjs";
import { ROOT, snapshot, startBaseline, startService, stopAll } from "./servers.mjs";

/**
 * Each variant: [file, text to find, replacement]; a variant whose text is no longer in src/ fails loudly.
 * Gone since the fast form (e2cd21e): "no id guards (insert, update)". The bulk lines' fast form has no id guards
 * left to remove: an insert lets the primary key refuse an id, an update checks `changes()` once per chunk, and the
 * compact form's guards run only on a replay after a failure.
 */
const VARIANTS = {
	"as is": [],
	// The row checks are src/http/request.ts validateBody's (a plain loop, zod for a body it refuses); the duplicate
	// check is the engine planner's (src/engine/run.ts check, for every door) since ce850a7.
	"no row validation, no duplicate check": [
		["src/http/request.ts", /^\tcheckSize\(body\);$/m, "\tcheckSize(body);\n\treturn body;"],
		["src/engine/run.ts", /const ids = idsOf\(op\);/, "const ids = undefined as readonly string[] | undefined;"],
	],
	"no request log line": [["src/index.ts", /console\.log\(\s*JSON\.stringify/, "(() => {})(JSON.stringify"]],
	"no auth": [["src/index.ts", /const api = \[auth, /, "const api = ["]],
};
VARIANTS["all of the above"] = Object.values(VARIANTS).flat();

function variantCopy(base, name, edits) {
	const dir = `${base}-${name.replaceAll(/\W+/g, "-")}`;
	const copied = (path) => !/state-|\.wrangler|\.log$/.test(path.slice(base.length));
	cpSync(base, dir, { recursive: true, verbatimSymlinks: true, filter: copied });
	for (const [file, find, replace] of edits) {
		const path = join(dir, file);
		const text = readFileSync(path, "utf8");
		if (!find.test(text)) throw new Error(`variant "${name}": ${find} is no longer in ${file}`);
		find.lastIndex = 0;
		writeFileSync(path, text.replace(find, replace));
	}
	return dir;
}

const REPS = Number(process.env.REPS ?? 3);
/** `RUNNER=bare` measures on the bare runtime (bench/bare.mjs), as the targets are judged; wrangler dev by default. */
const RUNNER = process.env.RUNNER ?? "wrangler";
const ROWS = 100_000;
const POINTS = 10_000;

const args = process.argv.slice(2);
const only = args.filter((a) => a !== "--check");
const variants = Object.entries(VARIANTS).filter(([n]) => only.length === 0 || only.includes(n));

const base = snapshot();
const dirs = [];
if (args.includes("--check")) {
	try {
		for (const [name, edits] of variants) {
			const dir = variantCopy(base, name, edits);
			dirs.push(dir);
			const wrangler = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
			const build = spawnSync(process.execPath, [wrangler, "deploy", "--dry-run", "--outdir", join(dir, "dist")], {
				cwd: dir,
				encoding: "utf8",
				env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
			});
			if (build.status !== 0) throw new Error(`variant "${name}" does not build:\n${build.stdout}\n${build.stderr}`);
			console.log(`${name.padEnd(40)} applies and builds`);
		}
	} finally {
		await stopAll(base);
		for (const dir of dirs) await stopAll(dir);
	}
	process.exit(0);
}
try {
	const baseline = await startBaseline(base, 8811, 8813, RUNNER);
	await seed(baseline, 0, POINTS, pointId);
	const bodies = bulkBodies(ROWS);
	const table = [];
	for (const [name, edits] of variants) {
		const dir = variantCopy(base, name, edits);
		dirs.push(dir);
		const service = await startService(dir, 8814, 8815, "service", RUNNER);
		await seed(service, 0, POINTS, pointId);
		const servers = [service, baseline];
		const ratios = {};
		const note = (key, ratio) => {
			ratios[key] = [...(ratios[key] ?? []), ratio];
		};
		for (let rep = 0; rep < REPS; rep++) {
			for (const op of ["insert", "update", "delete"]) {
				const [s, b] = [await bulk(service, op, ROWS, bodies), await bulk(baseline, op, ROWS, bodies)];
				note(`${op} 100k`, s.rowsPerSec / b.rowsPerSec);
			}
			for (const op of ["get", "patch"]) {
				const r = {};
				for (const server of ordered(servers, rep)) {
					r[server.name] = await load(server, op, { connections: 16, seconds: 3, rows: POINTS });
				}
				note(`${op} req/s`, r.service.reqPerSec / r.baseline.reqPerSec);
			}
		}
		const row = Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, median(v).toFixed(2)]));
		console.log(name.padEnd(36), JSON.stringify(row));
		table.push({ variant: name, ...row });
		await service.stop();
	}
	console.table(table);
} finally {
	await stopAll(base);
	for (const dir of dirs) await stopAll(dir);
}
