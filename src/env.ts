// The Worker's bindings and the per-request variables the middleware sets.
import type { Database, DatabaseMeta } from "./engine/run";

export type Bindings = {
	DB: D1Database;
	/** Comma-separated bearer tokens with the read scope. */
	READ_TOKEN?: string;
	/** Comma-separated bearer tokens with the write scope (which includes read). */
	WRITE_TOKEN?: string;
	/** Comma-separated origins allowed to call from a browser (CORS); none when unset. */
	CORS_ORIGINS?: string;
};

export type AppEnv = {
	Bindings: Bindings;
	Variables: { db: Database; dbMeta?: DatabaseMeta };
};
