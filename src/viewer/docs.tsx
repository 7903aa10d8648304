// GET /docs: the interactive API reference (Scalar) over /openapi.json, every file of it from this Worker.
import type { Context } from "hono";
import { raw } from "hono/html";
import type { AppEnv } from "../env";
import { htmlPage, pagePolicy } from "./policy";

/** Scalar's options: the document from this origin, and none of its features that would reach another one. */
const configuration = {
	url: "/openapi.json",
	title: "userdata API",
	withDefaultFonts: false, // its default fonts come from fonts.scalar.com
	telemetry: false,
	agent: { disabled: true }, // the AI agent talks to Scalar's servers
	showDeveloperTools: "never",
	hideClientButton: true, // links to Scalar's hosted client
	documentDownloadType: "json",
	defaultOpenAllTags: true, // the sidebar lists every operation, grouped by tag
};

/**
 * Only this response's scripts run (no eval), and nothing is fetched from another origin. Styles may be inline:
 * Scalar (Vue) creates <style> elements and style attributes at run time that carry no nonce, and hashes cannot
 * cover attributes; an inline style cannot load anything either: img-src, connect-src and default-src (fonts) hold.
 */
export const docsSecurity = pagePolicy(["'unsafe-inline'"]);

/** Scalar's bundled zod probes for eval with Function(""), which script-src refuses (and reports); jitless skips the probe. */
const beforeScalar = "globalThis.__zod_globalConfig = { jitless: true };";
const startScalar = `Scalar.createApiReference("#app", ${JSON.stringify(configuration)});`;

function Page({ nonce }: { nonce: string }) {
	return (
		<html lang="en">
			<head>
				<meta charset="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<title>userdata API</title>
				<link rel="icon" href="data:," />
			</head>
			<body>
				<noscript>
					<p>
						The API reference needs JavaScript; <a href="/openapi.json">/openapi.json</a> is the document itself.
					</p>
				</noscript>
				<div id="app"></div>
				<script nonce={nonce}>{raw(beforeScalar)}</script>
				<script nonce={nonce} src="/docs/scalar.js"></script>
				<script nonce={nonce}>{raw(startScalar)}</script>
			</body>
		</html>
	);
}

/** The reference page. */
export const docsPage = (c: Context<AppEnv>) => htmlPage(c, (nonce) => <Page nonce={nonce} />);
