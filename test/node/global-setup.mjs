// vitest globalSetup for the Node-side tests: one service for the whole run; tests read it with inject("base"), inject("read"), inject("write").
import { startService } from "./service.mjs";

export default async function setup(project) {
	const { base, read, write, stop } = await startService();
	project.provide("base", base);
	project.provide("read", read);
	project.provide("write", write);
	return stop;
}
