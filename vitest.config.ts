import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { copyAssets } from "./scripts/assets.mjs";

export default defineConfig(async () => {
	// The pool reads wrangler.toml's [assets] but does not run its [build] command, which puts the docs bundle there.
	copyAssets();
	const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
	return {
		plugins: [
			cloudflareTest({
				wrangler: { configPath: "./wrangler.toml" },
				miniflare: {
					bindings: {
						TEST_MIGRATIONS: migrations,
						READ_TOKEN: "test-read-token",
						WRITE_TOKEN: "test-write-token,test-write-token-2",
						// Sequences the model-based test runs; MODEL_RUNS=2000 npm test for a longer hunt.
						MODEL_RUNS: process.env.MODEL_RUNS ?? "200",
					},
				},
			}),
		],
		test: {
			include: ["test/**/*.test.ts"],
			exclude: ["test/browser/**", "test/node/**"],
			setupFiles: ["./test/apply-migrations.ts"],
			testTimeout: 120_000,
			silent: "passed-only",
			hookTimeout: 120_000,
		},
	};
});
