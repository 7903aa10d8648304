// Starts the service and the baseline with `wrangler dev` on fresh local D1 state, and always stops them.
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

/**
 * Start one Worker: a fresh --persist-to directory, the migrations applied to it, then
 * `wrangler dev` in its own process group; resolves once GET /healthz answers 200.
 */
export async function startWorker({ name, dir, config, port, inspectorPort, vars = {} }) {
	const state = join(dir, `state-${name}`);
	mkdirSync(state);
	const migrate = spawnSync(
		process.execPath,
		[WRANGLER, "d1", "migrations", "apply", "userdata", "--local", "--persist-to", state, "-c", config],
		{ cwd: dir, env: ENV, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" },
	);
	if (migrate.status !== 0) throw new Error(`${name}: migrations failed\n${migrate.stdout}\n${migrate.stderr}`);
	const log = join(dir, `${name}.log`);
	const out = openSync(log, "a");
	const args = ["dev", "-c", config, "--ip", "127.0.0.1", "--port", String(port)];
	args.push("--inspector-port", String(inspectorPort), "--persist-to", state, "--show-interactive-dev-session=false");
	// wrangler prints a line per request; at that rate printing is a cost of the harness, not of either Worker.
	args.push("--log-level", "warn");
	for (const [key, value] of Object.entries(vars)) args.push("--var", `${key}:${value}`);
	// A private dev registry: other wrangler dev sessions on this machine coming and going must not reload ours.
	const env = { ...ENV, WRANGLER_REGISTRY_PATH: join(dir, `registry-${name}`) };
	const child = wrangler(args, dir, { detached: true, stdio: ["ignore", out, out], env });
	running.add(child);
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 90_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`${name}: wrangler dev exited\n${readFileSync(log, "utf8")}`);
		try {
			const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
			if (res.ok) break;
		} catch {}
		if (Date.now() > deadline) throw new Error(`${name}: no answer from ${url}/healthz\n${readFileSync(log, "utf8")}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	const stop = () => stopGroup(child);
	return { name, url, port, inspectorPort, log, dir, pid: child.pid, workerd: workerdPid(child.pid, state), stop };
}

/** The service as `npm start` runs it, with the benchmark's tokens; the entry is for the profiles' source maps. */
export const startService = (dir, port, inspectorPort, name = "service") =>
	startWorker({
		name,
		dir,
		config: "wrangler.toml",
		port,
		inspectorPort,
		vars: { READ_TOKEN: TOKENS.read, WRITE_TOKEN: TOKENS.write },
	}).then((server) => ({ ...server, entry: "src/index.ts" }));

export const startBaseline = (dir, port, inspectorPort) =>
	startWorker({ name: "baseline", dir, config: "bench/baseline/wrangler.toml", port, inspectorPort }).then(
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
 * The workerd process that runs the Worker and its local D1: the descendant of the wrangler
 * process that has a file of `state` open (the other workerd is wrangler's proxy in front).
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
	if (pid === undefined) throw new Error(`no workerd under wrangler (pid ${root}) has ${state} open`);
	return pid;
}

/** Stop every server still running and remove the snapshot. */
export async function stopAll(dir) {
	await Promise.all([...running].map(stopGroup));
	if (dir) rmSync(dir, { recursive: true, force: true });
	snapshots.delete(dir);
}
