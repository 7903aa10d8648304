// The tutorial's SQLAlchemy program (bench/tutorial/peer.py) as a peer of the service (issue 12, point 3): Debian's
// python3-sqlalchemy, installed here with apt-get when missing (never by npm test), writing the bulk lines' rows to
// an SQLite file in-process. If it cannot be installed or fails, the tutorial lines are skipped, not the bench.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./servers.mjs";

/** Debian's python3, where python3-sqlalchemy installs (a pyenv or venv python3 on PATH would not see it). */
export const PYTHON = process.env.TUTORIAL_PYTHON ?? "/usr/bin/python3";
const PEER = join(ROOT, "bench", "tutorial", "peer.py");

const hasSqlalchemy = () =>
	existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import sqlalchemy"], { stdio: "ignore" }).status === 0;

/** apt-get, its output shown as it runs (what it installs); true if it succeeded. */
function apt(log, ...args) {
	log(`running: apt-get ${args.join(" ")}`);
	const r = spawnSync("apt-get", args, {
		stdio: "inherit",
		env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
	});
	if (r.error) log(`apt-get could not run: ${r.error.message}`);
	return r.status === 0;
}

/** Make sure `import sqlalchemy` works in PYTHON, installing python3-sqlalchemy as .ci/run installs python3. */
function ensureSqlalchemy(log) {
	if (hasSqlalchemy()) return null;
	log(`${PYTHON} cannot import sqlalchemy: installing Debian's python3-sqlalchemy (1.4) with apt-get`);
	if (process.getuid?.() !== 0) return "not root, so apt-get cannot install python3-sqlalchemy";
	// As .ci/run: if the package lists are stale or missing, update them and try once more.
	const installed =
		apt(log, "install", "-y", "python3-sqlalchemy") ||
		(apt(log, "update", "-qq") && apt(log, "install", "-y", "python3-sqlalchemy"));
	if (!installed) return "apt-get install -y python3-sqlalchemy failed";
	return hasSqlalchemy() ? null : `${PYTHON} still cannot import sqlalchemy after apt-get`;
}

/**
 * Run peer.py: { records, python, sqlalchemy, sqlite, ms } on success, { skipped: reason } otherwise; its progress
 * lines are logged as they come.
 */
export async function tutorialPhase({ sizes, reps }, log) {
	const missing = ensureSqlalchemy(log);
	if (missing) {
		log(`SKIPPING the tutorial lines: ${missing}. Install it by hand: apt-get install -y python3-sqlalchemy`);
		return { skipped: missing };
	}
	const started = Date.now();
	const args = [PEER, "--sizes", sizes.join(","), "--reps", String(reps)];
	log(`running the tutorial's program: ${PYTHON} ${args.map((a) => a.replace(`${ROOT}`, "")).join(" ")}`);
	const child = spawn(PYTHON, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
	let stdout = "";
	let stderr = "";
	child.stdout.on("data", (chunk) => {
		stdout += chunk;
	});
	child.stderr.on("data", (chunk) => {
		stderr += chunk;
		const lines = stderr.split("\n");
		stderr = lines.pop();
		for (const line of lines) if (line.trim()) log(line);
	});
	const status = await new Promise((resolve) => {
		child.on("error", (error) => resolve(error.message));
		child.on("close", (code) => resolve(code));
	});
	if (stderr.trim()) log(stderr);
	if (status !== 0) {
		log(`SKIPPING the tutorial lines: peer.py exited with ${status}`);
		return { skipped: `peer.py exited with ${status}` };
	}
	return { ...JSON.parse(stdout), seconds: (Date.now() - started) / 1000 };
}

/** The newest results file of a full run (`npm run bench`, not --quick or --only) that has the service's bulk lines. */
export function latestFullResults() {
	const dir = join(ROOT, "bench", "results");
	const files = readdirSync(dir)
		.filter((f) => /^[\dT-]+\.json$/.test(f))
		.sort()
		.reverse();
	for (const file of files) {
		const results = JSON.parse(readFileSync(join(dir, file), "utf8"));
		if (!results.only && results.mode === "full" && results.raw.bulk.some((r) => r.server === "service"))
			return { path: join(dir, file), results };
	}
	return null;
}
