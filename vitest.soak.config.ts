// `npm run soak`: many clients for a while against the real local D1 with random transient faults (test/soak/).
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { copyAssets } from "./scripts/assets.mjs";

export default defineConfig(async () => {
	copyAssets();
	const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
	const seconds = Number(process.env.SOAK_SECONDS ?? 45);
	return {
		plugins: [
			cloudflareTest({
				wrangler: { configPath: "./wrangler.toml" },
				miniflare: {
					bindings: {
						TEST_MIGRATIONS: migrations,
						READ_TOKEN: "test-read-token",
						WRITE_TOKEN: "test-write-token,test-write-token-2",
						MODEL_RUNS: "0",
						SOAK_CLIENTS: process.env.SOAK_CLIENTS ?? "8",
						SOAK_SECONDS: String(seconds),
						SOAK_FAULT_RATE: process.env.SOAK_FAULT_RATE ?? "0.05",
						SOAK_KEYED: process.env.SOAK_KEYED ?? "0.5",
						SOAK_SEED: process.env.SOAK_SEED ?? String(Date.now() % 2 ** 31),
					},
				},
			}),
		],
		test: {
			include: ["test/soak/*.soak.ts"],
			setupFiles: ["./test/apply-migrations.ts"],
			// The run itself, then the clients' last retries and the check.
			testTimeout: (seconds + 120) * 1000,
			hookTimeout: 120_000,
			// The summary is printed with console.log by a test that passes.
			silent: false,
		},
	};
});
