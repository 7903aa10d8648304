// The types of what test/node/global-setup.mjs provides, for Node-side tests written in TypeScript.
export {};

declare module "vitest" {
	export interface ProvidedContext {
		/** The service's base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
		base: string;
		/** A token with the read scope. */
		read: string;
		/** A token with the write scope. */
		write: string;
	}
}
