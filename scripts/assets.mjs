// Puts the API reference's bundle (the pinned @scalar/api-reference's standalone build) into the static assets
// directory, so the Worker serves it itself: wrangler's [build] command runs this before `wrangler dev` and
// `wrangler deploy`, and the vitest configs run it before the pool reads wrangler.toml.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Where GET /docs/scalar.js finds it (git-ignored: it comes from node_modules, never from the repository). */
export const SCALAR_BUNDLE = join(ROOT, "public", "docs", "scalar.js");

/** The package's self-contained browser build; its exports map does not list it, so it is found from the main entry. */
export function scalarSource() {
	const main = createRequire(join(ROOT, "package.json")).resolve("@scalar/api-reference");
	return join(dirname(main), "browser", "standalone.js");
}

/** Copy the bundle unless the copy is already this version; a copy that is kept does not make wrangler dev reload. */
export function copyAssets() {
	const source = readFileSync(scalarSource());
	let copy = null;
	try {
		copy = readFileSync(SCALAR_BUNDLE);
	} catch {}
	if (copy?.equals(source)) return;
	mkdirSync(dirname(SCALAR_BUNDLE), { recursive: true });
	writeFileSync(SCALAR_BUNDLE, source);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) copyAssets();
