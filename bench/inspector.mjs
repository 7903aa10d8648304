// CPU profiles of a Worker through its DevTools inspector (wrangler dev's proxy, or workerd's own on the bare
// runtime), summed up by package and function.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { dirname, join, relative, resolve } from "node:path";

/**
 * Open the inspector's DevTools socket (wrangler's proxy wants an Origin it allows) and speak CDP on it. wrangler's
 * proxy lists the Worker alone; workerd lists each of Miniflare's internal Workers too, the user's as `core:user:…`.
 */
async function connect(port) {
	const targets = await (await fetch(`http://127.0.0.1:${port}/json`)).json();
	const target = targets.find((t) => t.id.startsWith("core:user:")) ?? targets[0];
	const socket = new WebSocket(target.webSocketDebuggerUrl, { headers: { origin: "http://127.0.0.1" } });
	await new Promise((resolve, reject) => {
		socket.onopen = resolve;
		socket.onerror = () => reject(new Error(`cannot open the inspector on port ${port}`));
	});
	const pending = new Map();
	let id = 0;
	socket.onmessage = (event) => {
		const message = JSON.parse(event.data);
		const reply = pending.get(message.id);
		if (!reply) return;
		pending.delete(message.id);
		if (message.error) reply.reject(new Error(`${message.error.message} (${message.error.code})`));
		else reply.resolve(message.result);
	};
	const send = (method, params = {}) =>
		new Promise((resolve, reject) => {
			pending.set(++id, { resolve, reject });
			socket.send(JSON.stringify({ id, method, params }));
		});
	return { send, close: () => socket.close() };
}

/** Run `action` while the V8 sampling profiler of the server's Worker isolate runs; its result and the profile. */
export async function profiled(server, action, intervalUs = 200) {
	const inspector = await connect(server.inspectorPort);
	try {
		await inspector.send("Profiler.enable");
		await inspector.send("Profiler.setSamplingInterval", { interval: intervalUs });
		await inspector.send("Profiler.start");
		const result = await action();
		const { profile } = await inspector.send("Profiler.stop");
		return { result, profile };
	} finally {
		inspector.close();
	}
}

/**
 * The source map of the bundle wrangler built from `entry` (the bare runtime's `sourceMap`, or wrangler dev's under
 * .wrangler/tmp beside its config), and a function from a source it names to that file's path relative to `dir`.
 */
function bundleMap(dir, entry, sourceMap) {
	if (sourceMap && existsSync(sourceMap)) {
		const where = (source) => relative(dir, resolve(dirname(sourceMap), source));
		return { map: new SourceMap(JSON.parse(readFileSync(sourceMap, "utf8"))), where };
	}
	for (const tmp of [join(dir, ".wrangler", "tmp"), join(dir, dirname(entry), ".wrangler", "tmp")]) {
		for (const bundle of existsSync(tmp) ? readdirSync(tmp) : []) {
			const path = join(tmp, bundle, "index.js.map");
			if (!existsSync(path)) continue;
			const map = JSON.parse(readFileSync(path, "utf8"));
			const where = (source) => relative(dir, resolve(tmp, bundle, source));
			if (map.sources.some((source) => where(source) === entry)) return { map: new SourceMap(map), where };
		}
	}
	return undefined;
}

/** Where a source file comes from: its npm package, or its path in this repository. */
function origin(path) {
	const modules = path.lastIndexOf("node_modules/");
	if (modules < 0) return path.startsWith("..") || path.includes(".wrangler/") ? "wrangler dev facade" : path;
	const [scope, name] = path.slice(modules + "node_modules/".length).split("/");
	// drizzle-orm's own source maps point at ../src/…, one level above its package directory.
	if (scope === "src") return "drizzle-orm";
	if (scope === "wrangler") return "wrangler dev facade";
	return scope.startsWith("@") ? `${scope}/${name}` : scope;
}

const NOT_RUNNING = new Set(["(idle)", "(program)", "(root)"]);

/**
 * The isolate's CPU time in the profile, by package and by function. Waiting (for the body,
 * for D1) shows as gaps between samples or as (idle)/(program); a sample counts for the time to
 * the next one, capped at a few sampling intervals so that a wait after it is not counted.
 * Time in a built-in (JSON.parse, crypto, …) is charged to the package of the code that called it.
 */
export function summarize(profile, dir, entry, sourceMap) {
	const bundle = bundleMap(dir, entry, sourceMap);
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const parents = new Map(profile.nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node])));
	const where = new Map();
	/** The package and line of a frame of the bundle or of workerd's own modules, else undefined. */
	const locate = (frame) => {
		if (frame.url.startsWith("cloudflare-internal:")) return { source: "workerd built-ins (D1 client)" };
		if (frame.url !== "index.js" || !bundle) return undefined;
		const found = bundle.map.findEntry(frame.lineNumber, frame.columnNumber);
		if (!found.originalSource) return { source: "wrangler dev facade" };
		return { source: origin(bundle.where(found.originalSource)), line: found.originalLine + 1 };
	};
	/** The nearest frame, this one or a caller, whose source is known. */
	const attribute = (node) => {
		if (!where.has(node.id)) {
			const own = locate(node.callFrame);
			const parent = parents.get(node.id);
			where.set(node.id, own ?? (parent ? attribute(parent) : { source: "V8 / runtime" }));
		}
		return where.get(node.id);
	};
	const deltas = profile.timeDeltas;
	const typical = [...deltas].sort((a, b) => a - b)[Math.floor(deltas.length / 2)] ?? 0;
	const cap = 5 * typical;
	const byPackage = new Map();
	const byFunction = new Map();
	const add = (m, key, us) => m.set(key, (m.get(key) ?? 0) + us);
	let cpuUs = 0;
	let gcUs = 0;
	profile.samples.forEach((sample, i) => {
		const node = nodes.get(sample);
		const name = node.callFrame.functionName;
		const us = Math.min(deltas[i + 1] ?? typical, cap);
		if (NOT_RUNNING.has(name)) return;
		cpuUs += us;
		if (name === "(garbage collector)") {
			gcUs += us;
			add(byPackage, "garbage collector", us);
			add(byFunction, "(garbage collector)", us);
			return;
		}
		const { source, line } = attribute(node);
		add(byPackage, source, us);
		const native = node.callFrame.url === "" ? " (built-in)" : "";
		const inRepository = source.startsWith("src/") || source.startsWith("bench/");
		add(byFunction, `${name || "(anonymous)"}${native} — ${source}${inRepository && !native ? `:${line}` : ""}`, us);
	});
	const top = (m, n) =>
		[...m]
			.sort((a, b) => b[1] - a[1])
			.slice(0, n)
			.map(([name, us]) => ({ name, ms: us / 1000 }));
	return {
		spanMs: (profile.endTime - profile.startTime) / 1000,
		cpuMs: cpuUs / 1000,
		gcMs: gcUs / 1000,
		byPackage: top(byPackage, 12),
		byFunction: top(byFunction, 20),
	};
}
