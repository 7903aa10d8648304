// Why the engine refuses work: typed values, with no HTTP in them (src/http/failures.ts maps them to problems).
import type { Row } from "../db/schema";

/** `operation`: the index of the failing operation, when the caller numbers operations (transactions, sessions). */
export type Failure =
	| { kind: "already-exists"; user_ids: string[]; operation?: number }
	| { kind: "not-found"; user_ids: string[]; operation?: number }
	| { kind: "changed"; user_id: string; operation?: number }
	| { kind: "expectation-failed"; user_id: string; expected: string; actual: Row | null; operation?: number }
	| { kind: "duplicate-ids"; user_ids: string[]; count: number; operation?: number }
	| { kind: "unfiltered-mass-write"; operation?: number }
	| { kind: "too-many-rows"; rows: number; limit: number }
	| { kind: "too-many-statements"; statements: number; limit: number }
	| { kind: "filter-too-large"; bytes: number; limit: number }
	| { kind: "export-too-large"; rows: number; limit: number }
	| { kind: "invalid-bookmark" }
	| { kind: "session-not-found"; session_id: string }
	| { kind: "session-committed"; session_id: string }
	| { kind: "session-changed"; session_id: string }
	| { kind: "idempotency-key-in-use" }
	| { kind: "too-many-sessions"; limit: number; retry_after_s: number }
	| { kind: "too-many-staged-rows"; rows: number; limit: number }
	/** A transient D1 fault the engine could not retry away; `committed`: whether the request's write may have. */
	| { kind: "database-unavailable"; retry_after_s: number; committed: "no" | "unknown" | "yes" };

export class EngineError extends Error {
	constructor(readonly failure: Failure) {
		super(failure.kind);
	}
}

export const fail = (failure: Failure): never => {
	throw new EngineError(failure);
};
