// The Node-side tests: plain Node (not workerd), against one real service under `wrangler dev` (test/node/global-setup.mjs).
import { defineConfig } from "vitest/config";

export default defineConfig({
	test: {
		include: ["test/node/**/*.test.{ts,mjs}"],
		globalSetup: ["./test/node/global-setup.mjs"],
		// The files share one database; one at a time, so none sees another's rows mid-test.
		fileParallelism: false,
		testTimeout: 60_000,
		hookTimeout: 180_000,
		silent: "passed-only",
	},
});
