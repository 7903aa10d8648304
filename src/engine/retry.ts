// Transient D1 faults: which errors they are, whether the batch they ended may have committed, and the bounded
// retry inside the request. (D1's own list of them: developers.cloudflare.com/d1/observability/debug-d1.)
import { fail } from "./failures";
import type { Statement } from "./statements";

/** Waits before each retry, in ms (± a quarter, so that clients that failed together do not retry together). */
export const BACKOFF_MS = [50, 100, 200] as const;
/** Retry-After of a 503: past the in-request retries, and as soon as an overloaded or reset database recovers. */
export const RETRY_AFTER_S = 2;

/**
 * A fault whose batch never ran: D1 queued it and gave up ("D1 DB is overloaded. Requests queued for too long.",
 * "… Too many requests queued.") before it reached the database, so nothing of it committed.
 */
const NOT_RUN = /D1 DB is overloaded/;
/**
 * A fault that may have come after the batch committed: the connection dropped, or the Durable Object that holds
 * the database was reset (a storage error or timeout, a code update, a failed start), while the answer was on its way.
 */
const AMBIGUOUS =
	/Network connection lost|caused object to be reset|reset because its code was updated|transient issue on remote node/;

export type Fault = "not-run" | "ambiguous";

/** A D1 error's message with its cause (workerd puts D1's own words there). */
export const messageOf = (error: unknown) =>
	error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : "";

/** What a transient fault says of its batch; undefined for any other error (a guard's, a constraint's, a bug). */
export function transientFault(error: unknown): Fault | undefined {
	const message = messageOf(error);
	if (NOT_RUN.test(message)) return "not-run";
	if (AMBIGUOUS.test(message)) return "ambiguous";
	return undefined;
}

/**
 * A batch that writes nothing, so that running it twice is running it once: only SELECTs and guards (a guard
 * inserts into the `problem` view, whose trigger aborts the batch, or inserts nothing).
 */
export const readsOnly = (statements: readonly Statement[]) =>
	statements.every((s) => s.role === "guard" || /^\s*select\b/i.test(s.sql));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type RetryOptions = {
	/** Running the batch twice does what running it once does. */
	repeatable: boolean;
	/**
	 * The batch writes, and is repeatable only because it claims an Idempotency-Key: after a fault that may have
	 * come after it committed, it may have committed whatever the later sends met.
	 */
	keyed?: boolean;
	/** Times the batch may be sent in all: D1 counts a resent batch's statements against the request's budget again. */
	sends: number;
	/** Told of every failed send. */
	failed: (error: unknown) => void;
};

/**
 * `send` the batch; after a transient fault, again (up to BACKOFF_MS.length times, with backoff, within `sends`)
 * when that cannot apply a write twice: the batch is `repeatable`, or the fault says it never ran. Otherwise, or
 * when the retries run out, fails `database-unavailable`, saying whether the request's write may have committed.
 */
export async function withRetry<T>(
	send: () => Promise<T>,
	{ repeatable, keyed = false, sends, failed }: RetryOptions,
): Promise<T> {
	const retries = Math.min(BACKOFF_MS.length, sends - 1);
	let open = false;
	for (let attempt = 0; ; attempt++) {
		try {
			return await send();
		} catch (error) {
			failed(error);
			const fault = transientFault(error);
			if (!fault) throw error;
			const unsafe = fault === "ambiguous" && !repeatable;
			open ||= fault === "ambiguous" && keyed;
			if (unsafe || attempt >= retries) {
				return fail({
					kind: "database-unavailable",
					retry_after_s: RETRY_AFTER_S,
					committed: unsafe || open ? "unknown" : "no",
				});
			}
			await sleep(BACKOFF_MS[attempt] * (0.75 + Math.random() / 2));
		}
	}
}
