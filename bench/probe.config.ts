// `npm run bench:sql`: the test pool's real local D1, running bench/*.probe.ts instead of the tests.
import { defineConfig } from "vitest/config";
import base from "../vitest.config";

export default defineConfig(async (env) => {
	const config = await base(env);
	return { ...config, test: { ...config.test, include: ["bench/**/*.probe.ts"], silent: false } };
});
