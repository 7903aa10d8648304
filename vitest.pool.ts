// The workers pool that the test suite (vitest.config.ts) and the soak (vitest.soak.config.ts) run in: the Worker in
// workerd with a real local D1, the migrations ready for test/apply-migrations.ts, and the test tokens.
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { copyAssets } from "./scripts/assets.mjs";

export async function workersPool(bindings: Record<string, string>) {
	// The pool reads wrangler.toml's [assets] but does not run its [build] command, which puts the docs bundle there.
	copyAssets();
	const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
	return cloudflareTest({
		wrangler: { configPath: "./wrangler.toml" },
		miniflare: {
			bindings: {
				TEST_MIGRATIONS: migrations,
				READ_TOKEN: "test-read-token",
				WRITE_TOKEN: "test-write-token,test-write-token-2",
				...bindings,
			},
		},
	});
}
