// Redocly's linter (recommended rules) on the live /openapi.json: no error, and no warning but the ones docs/api.md justifies.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, inject, it } from "vitest";

const REDOCLY = fileURLToPath(new URL("../../node_modules/@redocly/cli/bin/cli.js", import.meta.url));

/** The warnings docs/api.md ("The OpenAPI document") explains, as rule and place. */
const JUSTIFIED = [
	"no-server-example.com #/servers/0/url",
	"operation-4xx-response #/paths/~1docs/get/responses",
	"operation-4xx-response #/paths/~1healthz/get/responses",
	"operation-4xx-response #/paths/~1openapi.json/get/responses",
];

it("passes redocly lint with no error and only the justified warnings", async () => {
	const dir = await mkdtemp(join(tmpdir(), "userdata-lint-"));
	try {
		const file = join(dir, "openapi.json");
		await writeFile(file, await (await fetch(`${inject("base")}/openapi.json`)).text());
		const { stdout } = await promisify(execFile)(process.execPath, [REDOCLY, "lint", file, "--format=json"], {
			env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
			maxBuffer: 16 * 1024 * 1024,
		}).catch((error) => error);
		const report = JSON.parse(stdout.slice(stdout.indexOf("{")));
		const found = report.problems.map(
			(p) => `${p.severity === "error" ? "ERROR " : ""}${p.ruleId} ${p.location[0]?.pointer}`,
		);
		expect(report.totals.errors).toBe(0);
		expect(found.sort()).toEqual(JUSTIFIED);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
});
