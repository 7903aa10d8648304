declare namespace Cloudflare {
	interface GlobalProps {
		mainModule: typeof import("../src/index");
	}
	interface Env {
		DB: D1Database;
		ASSETS: Fetcher;
		READ_TOKEN: string;
		WRITE_TOKEN: string;
		MODEL_RUNS: string;
		/** The soak's knobs (vitest.soak.config.ts), as strings. */
		SOAK_CLIENTS?: string;
		SOAK_SECONDS?: string;
		SOAK_FAULT_RATE?: string;
		SOAK_KEYED?: string;
		SOAK_SEED?: string;
		TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
	}
}
