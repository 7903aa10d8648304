// Starts the service and the baseline on fresh local D1 state, under `wrangler dev` or on the bare runtime
// (bench/bare.mjs), and always stops them.
import { spawn, spawnSync } from "node:child_process";
import {
	cpSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readdirSync,
	readFileSync,
	readlinkSync,
	rmSync,
	symlinkSync,
} from "node:fs";
import { constants, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
const WRANGLER = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
export const TOKENS = { read: "bench-read", write: "bench-write" };
const ENV = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" };

const running = new Set();
const snapshots = new Set();

/** Kill every server's process group (wrangler, its esbuild and workerd) at once; safe to call twice. */
function killAll(signal = "SIGKILL") {
	for (const child of running) {
		try {
			process.kill(-child.pid, signal);
		} catch {}
	}
	running.clear();
}

process.on("exit", () => {
	killAll();
	for (const dir of snapshots) rmSync(dir, { recursive: true, force: true });
});
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
	process.on(signal, () => {
		console.error(`\n${signal}: stopping the servers`);
		killAll();
		process.exit(128 + constants.signals[signal]);
	});
}

// public/ and scripts/assets.mjs: wrangler.toml's [assets] directory and [build] command.
const SNAPSHOT = [
	"src",
	"migrations",
	"wrangler.toml",
	"tsconfig.json",
	"package.json",
	"bench/baseline",
	"public",
	"scripts/assets.mjs",
];

/** A temporary directory for a copy of the code, removed at exit, that uses this checkout's node_modules. */
function snapshotDir() {
	const dir = mkdtempSync(join(tmpdir(), "userdata-bench-"));
	symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
	snapshots.add(dir);
	return dir;
}

/**
 * A private copy of the code under test, so that edits others make to src/ while the
 * benchmark runs neither reload the Worker mid-measurement nor mix two versions in one run.
 */
export function snapshot() {
	const dir = snapshotDir();
	for (const path of SNAPSHOT) cpSync(join(ROOT, path), join(dir, path), { recursive: true });
	// The [build] command once now: wrangler dev and the bare runner's bundling run it too, at the same time.
	spawnSync(process.execPath, [join("scripts", "assets.mjs")], { cwd: dir, stdio: "ignore" });
	return dir;
}

/** The same copy of a git revision's code. */
export function snapshotAt(revision) {
	const dir = snapshotDir();
	// A revision from before the static assets has no public/: archive only the paths it has.
	const paths = SNAPSHOT.filter(
		(path) => spawnSync("git", ["cat-file", "-e", `${revision}:${path}`], { cwd: ROOT }).status === 0,
	);
	const archive = spawnSync("git", ["archive", "--format=tar", revision, ...paths], {
		cwd: ROOT,
		maxBuffer: 1 << 30,
	});
	if (archive.status !== 0) throw new Error(`git archive ${revision}: ${archive.stderr}`);
	const untar = spawnSync("tar", ["-x", "-C", dir], { input: archive.stdout });
	if (untar.status !== 0) throw new Error(`tar: ${untar.stderr}`);
	return dir;
}

function wrangler(args, cwd, options = {}) {
	return spawn(process.execPath, [WRANGLER, ...args], { cwd, env: ENV, ...options });
}

/** A fresh --persist-to directory with the migrations applied to it by wrangler, as `npm start` does. */
function migrated(key, dir, config) {
	const state = join(dir, `state-${key}`);
	mkdirSync(state);
	const migrate = spawnSync(
		process.execPath,
		[WRANGLER, "d1", "migrations", "apply", "userdata", "--local", "--persist-to", state, "-c", config],
		{ cwd: dir, env: ENV, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" },
	);
	if (migrate.status !== 0) throw new Error(`${key}: migrations failed\n${migrate.stdout}\n${migrate.stderr}`);
	return state;
}

/** `wrangler dev` in its own process group, on the state given. */
function wranglerDev({ key, dir, config, port, inspectorPort, vars, state, out }) {
	const args = ["dev", "-c", config, "--ip", "127.0.0.1", "--port", String(port)];
	args.push("--inspector-port", String(inspectorPort), "--persist-to", state, "--show-interactive-dev-session=false");
	// wrangler prints a line per request; at that rate printing is a cost of the harness, not of either Worker.
	args.push("--log-level", "warn");
	for (const [name, value] of Object.entries(vars)) args.push("--var", `${name}:${value}`);
	// A private dev registry: other wrangler dev sessions on this machine coming and going must not reload ours.
	const env = { ...ENV, WRANGLER_REGISTRY_PATH: join(dir, `registry-${key}`) };
	return { child: wrangler(args, dir, { detached: true, stdio: ["ignore", out, out], env }) };
}

/**
 * The bare runtime: the Worker bundled by wrangler as `wrangler deploy` bundles it (`--dry-run --outdir`, its [build]
 * command run first), then served by bench/bare.mjs with Miniflare's API, in its own process group, on the same state.
 */
function bareRuntime({ key, dir, config, port, inspectorPort, vars, state, out }) {
	const outdir = join(dir, `bundle-${key}`);
	const build = spawnSync(
		process.execPath,
		[WRANGLER, "deploy", "--dry-run", "--outdir", outdir, "--upload-source-maps", "-c", config],
		{ cwd: dir, env: ENV, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" },
	);
	if (build.status !== 0) throw new Error(`${key}: bundling failed\n${build.stdout}\n${build.stderr}`);
	const script = join(outdir, "index.js");
	const options = { name: key, config: join(dir, config), script, state, port, inspectorPort, vars };
	const child = spawn(process.execPath, [join(ROOT, "bench", "bare.mjs"), JSON.stringify(options)], {
		cwd: dir,
		env: ENV,
		detached: true,
		stdio: ["ignore", out, out],
	});
	return { child, sourceMap: `${script}.map` };
}

const RUNNERS = { wrangler: wranglerDev, bare: bareRuntime };
export const RUNNER_NAMES = Object.keys(RUNNERS);

/**
 * Start one Worker under a runner (`wrangler`: `wrangler dev`; `bare`: Miniflare's API, no wrangler) on a fresh
 * --persist-to directory with the migrations applied; resolves once GET /healthz answers 200.
 */
export async function startWorker({ name, runner = "wrangler", dir, config, port, inspectorPort, vars = {} }) {
	const key = runner === "wrangler" ? name : `${runner}-${name}`;
	const state = migrated(key, dir, config);
	const log = join(dir, `${key}.log`);
	const out = openSync(log, "a");
	const { child, sourceMap } = RUNNERS[runner]({ key, dir, config, port, inspectorPort, vars, state, out });
	running.add(child);
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 90_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`${key}: ${runner} exited\n${readFileSync(log, "utf8")}`);
		try {
			const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
			if (res.ok) break;
		} catch {}
		if (Date.now() > deadline) throw new Error(`${key}: no answer from ${url}/healthz\n${readFileSync(log, "utf8")}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	const stop = () => stopGroup(child);
	const workerd = workerdPid(child.pid, state);
	return { name, runner, url, port, inspectorPort, log, dir, sourceMap, pid: child.pid, workerd, stop };
}

/** The service as `npm start` runs it, with the benchmark's tokens; the entry is for the profiles' source maps. */
export const startService = (dir, port, inspectorPort, name = "service", runner = "wrangler") =>
	startWorker({
		name,
		runner,
		dir,
		config: "wrangler.toml",
		port,
		inspectorPort,
		vars: { READ_TOKEN: TOKENS.read, WRITE_TOKEN: TOKENS.write },
	}).then((server) => ({ ...server, entry: "src/index.ts" }));

export const startBaseline = (dir, port, inspectorPort, runner = "wrangler") =>
	startWorker({ name: "baseline", runner, dir, config: "bench/baseline/wrangler.toml", port, inspectorPort }).then(
		(server) => ({
			...server,
			entry: "bench/baseline/index.ts",
		}),
	);

/** SIGTERM the process group, SIGKILL it if it is still there after 5 s. */
async function stopGroup(child) {
	running.delete(child);
	try {
		process.kill(-child.pid, "SIGTERM");
	} catch {
		return;
	}
	const deadline = Date.now() + 5000;
	while (child.exitCode === null && child.signalCode === null && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	try {
		process.kill(-child.pid, "SIGKILL");
	} catch {}
}

/**
 * The workerd process that runs the Worker and its local D1: the descendant of the runner's
 * process that has a file of `state` open (under wrangler dev the other workerd is its proxy in front).
 */
function workerdPid(root, state) {
	const children = new Map();
	for (const entry of readdirSync("/proc")) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
			const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
			children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
		} catch {}
	}
	const descendants = [];
	for (let queue = [root]; queue.length > 0; ) {
		const kids = children.get(queue.shift()) ?? [];
		descendants.push(...kids);
		queue.push(...kids);
	}
	const opens = (pid) => {
		try {
			return readdirSync(`/proc/${pid}/fd`).some((fd) => {
				try {
					return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(state);
				} catch {
					return false;
				}
			});
		} catch {
			return false;
		}
	};
	const comm = (pid) => {
		try {
			return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
		} catch {
			return "";
		}
	};
	const pid = descendants.find((p) => comm(p) === "workerd" && opens(p));
	if (pid === undefined) throw new Error(`no workerd under pid ${root} has ${state} open`);
	return pid;
}

/** Stop every server still running and remove the snapshot. */
export async function stopAll(dir) {
	await Promise.all([...running].map(stopGroup));
	if (dir) rmSync(dir, { recursive: true, force: true });
	snapshots.delete(dir);
}
