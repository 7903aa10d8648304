// For tests only: the real local D1 binding with transient faults injected at chosen round trips. Every call still
// goes to D1; a fault is thrown either before the call is sent (nothing of it runs) or after it has committed
// (its result is dropped and the error thrown instead), as production D1 can do.

/**
 * D1's own messages (developers.cloudflare.com/d1/observability/debug-d1, "List of D1_ERRORs"), thrown as
 * workerd's D1 binding throws them: `new Error("D1_ERROR: <message>", { cause: new Error("<message>") })`.
 */
export const FAULTS = {
	lost: "Network connection lost.",
	overloaded: "D1 DB is overloaded. Requests queued for too long.",
	reset: "Internal error in D1 DB storage caused object to be reset.",
} as const;

export type Fault = keyof typeof FAULTS;
/** `before`: the call is never sent. `after`: it ran and committed, and its answer is lost. */
export type Moment = "before" | "after";

/** One round trip to D1: a batch, or one statement's all/run/first/raw; `sent` unless a fault came before it. */
export type Trip = { call: number; sql: string[]; sent: boolean; fault?: Fault; moment?: Moment };

export type Injection = {
	fault: Fault;
	moment: Moment;
	/** Which round trips fail (calls count from 1). */
	when: (trip: { call: number; sql: string[] }) => boolean;
};

/** Which fault a round trip meets, and when, or none: one choice per trip (the soak's random faults). */
export type Chooser = (trip: { call: number; sql: string[] }) => { fault: Fault; moment: Moment } | undefined;

/** Fail round trip `n` only. */
export const nth =
	(n: number) =>
	({ call }: { call: number }) =>
		call === n;
/** Fail every round trip. */
export const every = () => true;

export const d1Error = (fault: Fault) => new Error(`D1_ERROR: ${FAULTS[fault]}`, { cause: new Error(FAULTS[fault]) });

type Statement = D1PreparedStatement;

/**
 * `db` with `injection`'s faults (or a `Chooser`'s, trip by trip), and the log of its round trips (the database's
 * and every session's). D1 says a database is overloaded only of requests it queued and never ran, so that fault
 * cannot come after a commit.
 */
export function faulty(db: D1Database, injection: Injection | Chooser): { db: D1Database; trips: Trip[] } {
	const never = (fault: Fault, moment: Moment) => {
		if (fault === "overloaded" && moment === "after")
			throw new Error("D1 never answers 'overloaded' for a batch that ran");
	};
	if (typeof injection !== "function") never(injection.fault, injection.moment);
	const choose: Chooser =
		typeof injection === "function"
			? injection
			: (trip) => (injection.when(trip) ? { fault: injection.fault, moment: injection.moment } : undefined);
	const trips: Trip[] = [];
	const real = new WeakMap<Statement, Statement>();
	const texts = new WeakMap<Statement, string>();

	async function trip<T>(sql: string[], send: () => Promise<T>): Promise<T> {
		const record: Trip = { call: trips.length + 1, sql, sent: true };
		trips.push(record);
		const hit = choose(record);
		if (hit) {
			never(hit.fault, hit.moment);
			record.fault = hit.fault;
			record.moment = hit.moment;
		}
		if (hit?.moment === "before") {
			record.sent = false;
			throw d1Error(hit.fault);
		}
		const result = await send();
		if (hit) throw d1Error(hit.fault);
		return result;
	}

	function statement(inner: Statement, sql: string): Statement {
		const wrapped = {
			bind: (...values: unknown[]) => statement(inner.bind(...values), sql),
			first: (column?: string) => trip([sql], () => (column === undefined ? inner.first() : inner.first(column))),
			run: () => trip([sql], () => inner.run()),
			all: () => trip([sql], () => inner.all()),
			raw: (options?: { columnNames?: boolean }) =>
				trip([sql], () => inner.raw(options as { columnNames: true }) as Promise<unknown[]>),
		} as unknown as Statement;
		real.set(wrapped, inner);
		texts.set(wrapped, sql);
		return wrapped;
	}

	/** What a database and a session share: statements and batches. */
	const queries = (inner: Pick<D1Database, "prepare" | "batch">) => ({
		prepare: (sql: string) => statement(inner.prepare(sql), sql),
		batch: <T>(statements: Statement[]) =>
			trip(
				statements.map((s) => texts.get(s) ?? "?"),
				() => inner.batch<T>(statements.map((s) => real.get(s) ?? s)),
			),
	});

	const wrapped = {
		...queries(db),
		exec: (sql: string) => trip([sql], () => db.exec(sql)),
		dump: () => db.dump(),
		withSession: (constraintOrBookmark?: string) => {
			const session = db.withSession(constraintOrBookmark);
			return { ...queries(session), getBookmark: () => session.getBookmark() };
		},
	} as unknown as D1Database;
	return { db: wrapped, trips };
}
