// The browser tests of the viewer: plain Node (not workerd), against the real service under `wrangler dev`.
import { defineConfig } from "vitest/config";

export default defineConfig({
	test: {
		include: ["test/browser/**/*.test.mjs"],
		testTimeout: 60_000,
		hookTimeout: 180_000,
		silent: "passed-only",
	},
});
