// The browser tests of the viewer and the API reference: plain Node (not workerd), against the real service under
// `wrangler dev`, which test/browser/service.mjs starts once for every file.
import { defineConfig } from "vitest/config";

export default defineConfig({
	test: {
		include: ["test/browser/**/*.test.mjs"],
		globalSetup: ["test/browser/service.mjs"],
		// One chromium at a time: the machines that run this have few cores.
		fileParallelism: false,
		testTimeout: 60_000,
		hookTimeout: 180_000,
		silent: "passed-only",
	},
});
