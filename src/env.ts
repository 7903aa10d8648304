// The Worker's bindings and the per-request variables the middleware sets.
import type { Claim } from "./engine/idempotency";
import type { Database, DatabaseMeta } from "./engine/run";

export type Bindings = {
	DB: D1Database;
	/** The static files in public/ (wrangler.toml [assets]): the viewer's script and the API reference's bundle. */
	ASSETS: Fetcher;
	/** Comma-separated bearer tokens with the read scope. */
	READ_TOKEN?: string;
	/** Comma-separated bearer tokens with the write scope (which includes read). */
	WRITE_TOKEN?: string;
	/** D1 queries one request may make: 50 (the free plan) unless set, up to 1,000 (the paid plan). */
	D1_QUERY_LIMIT?: string;
	/** Comma-separated origins allowed to call from a browser (CORS); none when unset. */
	CORS_ORIGINS?: string;
};

export type AppEnv = {
	Bindings: Bindings;
	/** `scope`: what the request's bearer token may do, set by the auth middleware; `claim`: its Idempotency-Key. */
	Variables: { db: Database; dbMeta?: DatabaseMeta; scope: "read" | "write"; claim?: Claim };
};
