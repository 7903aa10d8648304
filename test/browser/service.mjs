// The browser tests' global setup: the real service under `wrangler dev` (test/node/service.mjs), one for every
// test file, on a fresh database with its own tokens.
import { startService } from "../node/service.mjs";

/** The tests `inject("base")` (127.0.0.1), `inject("viewerBase")` (localhost, as `npm start` prints), `read`, `write`. */
export default async function setup(project) {
	const { base, read, write, stop } = await startService();
	project.provide("base", base);
	project.provide("viewerBase", base.replace("127.0.0.1", "localhost"));
	project.provide("read", read);
	project.provide("write", write);
	return stop;
}
