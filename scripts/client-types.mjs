// npm run client:types: regenerate test/node/userdata-api.d.ts from the live /openapi.json with openapi-typescript's
// default options, as a client's developer would. test/node/client.test.ts fails when the file is out of date.
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { startService } from "../test/node/service.mjs";

export const TYPES_PATH = fileURLToPath(new URL("../test/node/userdata-api.d.ts", import.meta.url));

/** The types openapi-typescript generates, with its default options, for the document at `base`. */
export async function clientTypes(base) {
	const spec = await (await fetch(`${base}/openapi.json`)).json();
	return astToString(await openapiTS(spec));
}

if (import.meta.url === `file://${process.argv[1]}`) {
	console.log("Starting the service to read its /openapi.json…");
	const service = await startService();
	try {
		await writeFile(TYPES_PATH, await clientTypes(service.base));
		console.log(`Wrote ${TYPES_PATH}`);
	} finally {
		await service.stop();
	}
}
