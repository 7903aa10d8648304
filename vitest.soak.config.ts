// `npm run soak`: many clients for a while against the real local D1 with random transient faults (test/soak/).
import { defineConfig } from "vitest/config";
import { workersPool } from "./vitest.pool";

export default defineConfig(async () => {
	const seconds = Number(process.env.SOAK_SECONDS ?? 45);
	return {
		plugins: [
			await workersPool({
				MODEL_RUNS: "0",
				SOAK_CLIENTS: process.env.SOAK_CLIENTS ?? "8",
				SOAK_SECONDS: String(seconds),
				SOAK_FAULT_RATE: process.env.SOAK_FAULT_RATE ?? "0.05",
				SOAK_KEYED: process.env.SOAK_KEYED ?? "0.5",
				SOAK_SEED: process.env.SOAK_SEED ?? String(Date.now() % 2 ** 31),
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
