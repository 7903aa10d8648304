// The test suite in workerd with a real local D1 (npm test runs it; the Node-side and browser suites have their own configs).
import { defineConfig } from "vitest/config";
import { workersPool } from "./vitest.pool";

export default defineConfig(async () => ({
	plugins: [
		// Sequences the model-based test runs; MODEL_RUNS=2000 npm test for a longer hunt.
		await workersPool({ MODEL_RUNS: process.env.MODEL_RUNS ?? "200" }),
	],
	test: {
		include: ["test/**/*.test.ts"],
		exclude: ["test/browser/**", "test/node/**"],
		setupFiles: ["./test/apply-migrations.ts"],
		testTimeout: 120_000,
		silent: "passed-only",
		hookTimeout: 120_000,
	},
}));
