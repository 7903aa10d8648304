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
		TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
	}
}
