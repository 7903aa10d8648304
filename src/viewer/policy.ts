// What the Worker's two HTML pages (the viewer, the API reference) share: their Content-Security-Policy and how
// they are answered.
import type { Context } from "hono";
import { html } from "hono/html";
import type { ContentSecurityPolicyOptionHandler } from "hono/secure-headers";
import { NONCE, secureHeaders } from "hono/secure-headers";
import type { HtmlEscapedString } from "hono/utils/html";
import type { AppEnv } from "../env";

type Policy = Record<string, ContentSecurityPolicyOptionHandler[] | string[]>;

/** Only this response's nonce'd scripts run, and the page talks only to this origin; its styles and `more` vary. */
export const pagePolicy = (styleSrc: Policy[string], more: Policy = {}) =>
	secureHeaders({
		contentSecurityPolicy: {
			defaultSrc: ["'none'"],
			scriptSrc: [NONCE],
			styleSrc,
			connectSrc: ["'self'"],
			imgSrc: ["data:"],
			formAction: ["'none'"],
			baseUri: ["'none'"],
			frameAncestors: ["'none'"],
			...more,
		},
	});

/** The page `render` makes with this response's nonce; never cached, since the nonce is new on every response. */
export function htmlPage(
	c: Context<AppEnv>,
	render: (nonce: string) => HtmlEscapedString | Promise<HtmlEscapedString>,
) {
	c.header("Cache-Control", "no-store");
	return c.html(html`<!doctype html>${render(c.get("secureHeadersNonce") ?? "")}`, 200);
}
