export interface paths {
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The interactive API reference (this document), served entirely by this Worker */
        get: operations["docs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs/scalar.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reference page's script: Scalar's pinned standalone bundle, from the static assets */
        get: operations["docsScript"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the bearer token may do: read, or write (which includes read) */
        get: operations["getScope"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Health of the service, its database and its schema */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List rows: filtered, ordered, paged
         * @description JSON by default; NDJSON, CSV or the tutorial's text layout by Accept or format=. Pages by keyset: pass next_cursor as cursor.
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Insert one row, or an array of rows atomically
         * @description A JSON row inserts it; a JSON array, NDJSON or CSV inserts every row or none. on_conflict=ignore skips existing ids; on_conflict=update replaces their user_data.
         */
        post: operations["insertUsers"];
        /** Delete every row the filters select */
        delete: operations["deleteUsers"];
        options?: never;
        head?: never;
        /** Update rows by primary key (array), or set user_data on every row the filters select (object) */
        patch: operations["updateUsers"];
        trace?: never;
    };
    "/users/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stream every selected row, in bounded memory */
        get: operations["exportUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One row, with its ETag; If-None-Match gives 304 */
        get: operations["getUser"];
        /** Create the row, or replace its user_data (upsert) */
        put: operations["putUser"];
        post?: never;
        /** Delete one row */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        /** Change the row's user_data */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run up to 1000 operations in order, atomically
         * @description Every operation takes effect or none does; a select sees the writes before it. dry_run: true runs everything and rolls it back.
         */
        post: operations["runTransaction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open a session
         * @description It expires ttl_s (60–86400, default 3600) seconds after its last change.
         */
        post: operations["openSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{session_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The session: its state and what it has staged */
        get: operations["getSession"];
        put?: never;
        post?: never;
        /** Roll back: discard everything staged */
        delete: operations["rollbackSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{session_id}/operations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stage operations: validated now, applied at commit */
        post: operations["stageOperations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{session_id}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The pending view: the table as it will be if the session commits now
         * @description The committed rows with every staged operation applied in order; every filter, order, page, count and format of GET /users.
         */
        get: operations["listSessionUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{session_id}/commit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Commit: apply every staged operation in order, atomically
         * @description Every precondition is checked now, against the table as it is. A failure changes nothing and leaves the session open; committing a committed session answers the same again.
         */
        post: operations["commitSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document: OpenAPI 3.1, generated from the route declarations */
        get: operations["openapi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Problem: {
            /** @description /problems/<name>: what went wrong, for a program. */
            type: string;
            title: string;
            status: number;
            /** @description What went wrong, for a person. */
            detail: string;
            /** @description Every validation error (up to 100). */
            errors?: {
                path: string;
                message: string;
            }[];
            /** @description The ids that conflict or are missing. */
            user_ids?: string[];
            /** @description The index of the failing operation. */
            operation?: number;
            /** @description An expect operation's row as it is (null: absent). */
            actual?: {
                /** @description 1–32 characters, no control characters (U+0000–U+001F, U+007F); case-sensitive. */
                user_id: string;
                /** @description At most 640 characters, or null. */
                user_data: string | null;
                /**
                 * @description Set by the database on insert and on every update: ISO 8601 UTC with milliseconds.
                 * @example 2026-11-25T15:11:26.123Z
                 */
                time_stamp: string;
            } | null;
            /**
             * @description The problem of a dry run.
             * @enum {boolean}
             */
            dry_run?: true;
            /** @description D1 statements the request needs. */
            statements?: number;
            /** @description The limit that was exceeded. */
            limit?: number;
            /** @description The body's line that does not parse. */
            line?: number;
            /** @description Rows the export selects. */
            rows?: number;
            /**
             * @description database-unavailable: whether the request's write may have been applied. `unknown`: send it again with the same Idempotency-Key (it is applied at most once, and answered if it was), or read first; `yes`: applied, with a key, but its answer cannot be rebuilt.
             * @enum {string}
             */
            committed?: "no" | "unknown" | "yes";
        };
        Scope: {
            /** @enum {string} */
            scope: "read" | "write";
        };
        Health: {
            /** @enum {string} */
            status: "ok" | "unavailable";
            /** @enum {string} */
            database: "ok" | "error";
            /** @description The latest migration applied. */
            migrations: string | null;
            detail?: string;
        };
        Page: {
            data: components["schemas"]["SelectedRow"][];
            /** @description The cursor of the next page; null on the last. */
            next_cursor: string | null;
            /** @description With count=exact: every row the filters select. */
            total?: number;
        };
        /** @description A row; only the columns that columns= picks (all three by default). */
        SelectedRow: {
            /** @description 1–32 characters, no control characters (U+0000–U+001F, U+007F); case-sensitive. */
            user_id?: string;
            /** @description At most 640 characters, or null. */
            user_data?: string | null;
            /**
             * @description Set by the database on insert and on every update: ISO 8601 UTC with milliseconds.
             * @example 2026-11-25T15:11:26.123Z
             */
            time_stamp?: string;
        };
        Row: {
            /** @description 1–32 characters, no control characters (U+0000–U+001F, U+007F); case-sensitive. */
            user_id: string;
            /** @description At most 640 characters, or null. */
            user_data: string | null;
            /**
             * @description Set by the database on insert and on every update: ISO 8601 UTC with milliseconds.
             * @example 2026-11-25T15:11:26.123Z
             */
            time_stamp: string;
        };
        Inserted: components["schemas"]["Count"] & {
            data?: components["schemas"]["Row"][];
        };
        Count: {
            count: number;
        };
        NewRow: {
            /**
             * @description 1–32 characters, no control characters (U+0000–U+001F, U+007F); case-sensitive.
             * @example Brad
             */
            user_id: string;
            /**
             * @description At most 640 characters, or null.
             * @example Brad's data
             */
            user_data?: string | null;
        };
        RowUpdate: {
            /**
             * @description 1–32 characters, no control characters (U+0000–U+001F, U+007F); case-sensitive.
             * @example Brad
             */
            user_id: string;
            /**
             * @description At most 640 characters, or null.
             * @example Brad's data
             */
            user_data: string | null;
        };
        UserData: {
            /**
             * @description At most 640 characters, or null.
             * @example Brad's data
             */
            user_data: string | null;
        };
        PutBody: {
            /**
             * @description 1–32 characters, no control characters (U+0000–U+001F, U+007F); case-sensitive.
             * @example Brad
             */
            user_id?: string;
            /**
             * @description At most 640 characters, or null.
             * @example Brad's data
             */
            user_data: string | null;
        };
        Results: {
            /** @description One per operation: {count} for a write or expect, {data} for a select. */
            results: (components["schemas"]["Count"] | {
                data: components["schemas"]["Row"][];
            })[];
        };
        DryRunVerdict: {
            /** @enum {boolean} */
            dry_run: true;
            /** @enum {boolean} */
            ok: true;
        };
        Transaction: {
            operations: components["schemas"]["Operation"][];
            /** @description Run everything, then roll it all back. Default: false. */
            dry_run?: boolean;
        };
        Operation: {
            /** @enum {string} */
            op: "insert";
            rows: components["schemas"]["NewRow"][];
        } | {
            /** @enum {string} */
            op: "upsert";
            rows: components["schemas"]["NewRow"][];
        } | {
            /** @enum {string} */
            op: "update";
            rows: components["schemas"]["RowUpdate"][];
            /**
             * @description What a missing id does: fail the transaction, or nothing. Default: "error".
             * @enum {string}
             */
            missing?: "error" | "ignore";
        } | {
            /** @enum {string} */
            op: "update_where";
            /** @description Default: {}. */
            where?: {
                /** @description Exactly these ids. */
                user_id?: string[];
                /** @description Ids that start with it (case-sensitive, compares bytes). */
                user_id_prefix?: string;
                /** @description user_data equals it. */
                user_data?: string;
                /** @description user_data contains it, literally; only ASCII A–Z fold case. */
                q?: string;
                /** @description time_stamp after it (exclusive), ISO 8601. */
                updated_after?: string;
                /** @description time_stamp before it (exclusive), ISO 8601. */
                updated_before?: string;
            };
            set: components["schemas"]["UserData"];
            /** @description Required (true) to change every row when where is empty. Default: false. */
            all?: boolean;
        } | {
            /** @enum {string} */
            op: "delete";
            user_ids: string[];
            /**
             * @description What a missing id does: fail the transaction, or nothing. Default: "error".
             * @enum {string}
             */
            missing?: "error" | "ignore";
        } | {
            /** @enum {string} */
            op: "delete_where";
            /** @description Default: {}. */
            where?: {
                /** @description Exactly these ids. */
                user_id?: string[];
                /** @description Ids that start with it (case-sensitive, compares bytes). */
                user_id_prefix?: string;
                /** @description user_data equals it. */
                user_data?: string;
                /** @description user_data contains it, literally; only ASCII A–Z fold case. */
                q?: string;
                /** @description time_stamp after it (exclusive), ISO 8601. */
                updated_after?: string;
                /** @description time_stamp before it (exclusive), ISO 8601. */
                updated_before?: string;
            };
            /** @description Required (true) to change every row when where is empty. Default: false. */
            all?: boolean;
        } | {
            /** @enum {string} */
            op: "select";
            /** @description Default: {}. */
            where?: {
                /** @description Exactly these ids. */
                user_id?: string[];
                /** @description Ids that start with it (case-sensitive, compares bytes). */
                user_id_prefix?: string;
                /** @description user_data equals it. */
                user_data?: string;
                /** @description user_data contains it, literally; only ASCII A–Z fold case. */
                q?: string;
                /** @description time_stamp after it (exclusive), ISO 8601. */
                updated_after?: string;
                /** @description time_stamp before it (exclusive), ISO 8601. */
                updated_before?: string;
            };
            /**
             * @description Default: "user_id".
             * @enum {string}
             */
            order?: "user_id" | "-user_id" | "time_stamp" | "-time_stamp";
            /** @description Default: 100. */
            limit?: number;
        } | {
            /** @enum {string} */
            op: "expect";
            /**
             * @description 1–32 characters, no control characters (U+0000–U+001F, U+007F); case-sensitive.
             * @example Brad
             */
            user_id: string;
            /** @description Default: true. */
            exists?: boolean;
            /**
             * @description At most 640 characters, or null.
             * @example Brad's data
             */
            user_data?: string | null;
        };
        Session: {
            /**
             * @description 128 random bits, as 32 hex digits.
             * @example 9f2c…
             */
            session_id: string;
            /** @enum {string} */
            state: "open" | "committed";
            /**
             * @description Set by the database on insert and on every update: ISO 8601 UTC with milliseconds.
             * @example 2026-11-25T15:11:26.123Z
             */
            created_at: string;
            /** @description When it expires: ttl_s after its last change, ISO 8601 UTC. */
            expires_at: string;
            ttl_s: number;
            /** @description Operations staged. */
            operations: number;
            /** @description Rows (and ids) staged. */
            rows: number;
        };
        OpenSession: {
            /** @description Seconds the session lives after its last change. Default: 3600. */
            ttl_s?: number;
        };
        Stage: {
            operations: components["schemas"]["Operation"][];
        };
        Committed: {
            /** @enum {string} */
            state: "committed";
            /** @description One per staged operation, as POST /transactions answers; null if the first commit's answer was lost (the Worker stopped between committing and saving it). */
            results: (components["schemas"]["Count"] | {
                data: components["schemas"]["Row"][];
            })[] | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    docs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reference page */
            200: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    docsScript: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bundle */
            200: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description The file's ETag. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/javascript": string;
                };
            };
            /** @description Unchanged since the ETag If-None-Match named */
            304: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description The file's ETag. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The bundle was not copied into the static assets (asset-missing) */
            404: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/asset-missing";
                        /** @enum {number} */
                        status?: 404;
                    };
                };
            };
        };
    };
    getScope: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The token's scope */
            200: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description A D1 bookmark: send it back to read at least this fresh. */
                    "x-d1-bookmark"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Scope"];
                };
            };
            /** @description No bearer token, or not a valid one (unauthorized) */
            401: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unauthorized";
                        /** @enum {number} */
                        status?: 401;
                    };
                };
            };
            /** @description The service has no token configured, so it refuses every request (no-tokens-configured) */
            503: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/no-tokens-configured";
                        /** @enum {number} */
                        status?: 503;
                    };
                };
            };
        };
    };
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description A D1 bookmark: send it back to read at least this fresh. */
                    "x-d1-bookmark"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description The database or its schema is not ready, or the database is unavailable for now */
            503: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description A D1 bookmark: send it back to read at least this fresh. */
                    "x-d1-bookmark"?: string;
                    /** @description When the database is unavailable for now: seconds to wait before trying again. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description Exactly these ids; repeat the parameter for several (user_id=a&user_id=b). */
                user_id?: string[];
                /** @description Ids that start with it (case-sensitive, compares bytes). */
                user_id_prefix?: string;
                /** @description user_data equals it. */
                user_data?: string;
                /** @description user_data contains it, literally; only ASCII A–Z fold case. */
                q?: string;
                /** @description time_stamp after it (exclusive), ISO 8601. */
                updated_after?: string;
                /** @description time_stamp before it (exclusive), ISO 8601. */
                updated_before?: string;
                order?: "user_id" | "-user_id" | "time_stamp" | "-time_stamp";
                limit?: number;
                /** @description The next_cursor of the page before. */
                cursor?: string;
                /** @description Add the total (total, or X-Total-Count). */
                count?: "exact";
                /** @description Wins over Accept: json, ndjson, csv or text (the tutorial's layout). */
                format?: "json" | "ndjson" | "csv" | "text";
                /** @description Comma-separated, distinct, of user_id, user_data, time_stamp. Default: all. */
                columns?: string;
            };
            header?: {
                /** @description A D1 bookmark from an earlier answer: read at least that fresh. */
                "x-d1-bookmark"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of rows */
            200: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description A D1 bookmark: send it back to read at least this fresh. */
                    "x-d1-bookmark"?: string;
                    /** @description NDJSON, CSV and text: <?…cursor=…>; rel="next" when there is a next page. */
                    Link?: string;
                    /** @description NDJSON, CSV and text with count=exact: the total. */
                    "X-Total-Count"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page"];
                    "application/x-ndjson": string;
                    "text/csv": string;
                    "text/plain": string;
                };
            };
            /** @description A query parameter is malformed (invalid-query, unknown-parameter, repeated-parameter, invalid-cursor, invalid-bookmark) */
            400: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-query" | "/problems/unknown-parameter" | "/problems/repeated-parameter" | "/problems/invalid-cursor" | "/problems/invalid-bookmark";
                        /** @enum {number} */
                        status?: 400;
                    };
                };
            };
            /** @description No bearer token, or not a valid one (unauthorized) */
            401: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unauthorized";
                        /** @enum {number} */
                        status?: 401;
                    };
                };
            };
            /** @description None of the formats this route answers in (not-acceptable) */
            406: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/not-acceptable";
                        /** @enum {number} */
                        status?: 406;
                    };
                };
            };
            /** @description The user_id filter is over 1,000,000 bytes of JSON (filter-too-large) */
            413: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/filter-too-large";
                        /** @enum {number} */
                        status?: 413;
                    };
                };
            };
            /** @description No token is configured, or the database is unavailable or overloaded for now (no-tokens-configured, database-unavailable) */
            503: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description database-unavailable: seconds to wait before trying again. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/no-tokens-configured" | "/problems/database-unavailable";
                        /** @enum {number} */
                        status?: 503;
                    };
                };
            };
        };
    };
    insertUsers: {
        parameters: {
            query?: {
                /** @description An existing id: 409, skip it, or replace its user_data. */
                on_conflict?: "error" | "ignore" | "update";
                /** @description minimal: a bulk insert answers the count only. */
                return?: "representation" | "minimal";
            };
            header?: {
                /** @description A D1 bookmark from an earlier answer: read at least that fresh. */
                "x-d1-bookmark"?: string;
                /** @description 1–255 printable ASCII characters: a repeat of this request with the same key answers its first success again, and writes nothing. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example [
                 *       {
                 *         "user_id": "Brad",
                 *         "user_data": "Brad's data"
                 *       }
                 *     ]
                 */
                "application/json": components["schemas"]["NewRow"][] | components["schemas"]["NewRow"];
                "application/x-ndjson": string;
                "text/csv": string;
            };
        };
        responses: {
            /** @description One row with on_conflict=ignore or update, whose id existed: the row as it is now */
            200: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description A D1 bookmark: send it back to read at least this fresh. */
                    "x-d1-bookmark"?: string;
                    /** @description The row's strong ETag. */
                    ETag: string;
                    /** @description true when this is the first answer of this Idempotency-Key again. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Row"];
                };
            };
            /** @description Inserted: one row (with Location and ETag), or the count and rows of an array */
            201: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description A D1 bookmark: send it back to read at least this fresh. */
                    "x-d1-bookmark"?: string;
                    /** @description One row: its ETag. */
                    ETag?: string;
                    /** @description One row: its path. */
                    Location?: string;
                    /** @description true when this is the first answer of this Idempotency-Key again. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Row"] | components["schemas"]["Inserted"];
                };
            };
            /** @description The body does not parse, or a query parameter or header is malformed (invalid-query, unknown-parameter, repeated-parameter, invalid-bookmark, malformed-json, malformed-ndjson, malformed-csv, malformed-encoding, body-incomplete, invalid-idempotency-key) */
            400: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-query" | "/problems/unknown-parameter" | "/problems/repeated-parameter" | "/problems/invalid-bookmark" | "/problems/malformed-json" | "/problems/malformed-ndjson" | "/problems/malformed-csv" | "/problems/malformed-encoding" | "/problems/body-incomplete" | "/problems/invalid-idempotency-key";
                        /** @enum {number} */
                        status?: 400;
                    };
                };
            };
            /** @description No bearer token, or not a valid one (unauthorized) */
            401: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unauthorized";
                        /** @enum {number} */
                        status?: 401;
                    };
                };
            };
            /** @description The token has the read scope only (forbidden) */
            403: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/forbidden";
                        /** @enum {number} */
                        status?: 403;
                    };
                };
            };
            /** @description An id exists, or appears twice (already-exists, duplicate-ids, idempotency-key-in-use) */
            409: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/already-exists" | "/problems/duplicate-ids" | "/problems/idempotency-key-in-use";
                        /** @enum {number} */
                        status?: 409;
                    };
                };
            };
            /** @description Over 33554432 bytes, 100000 rows, 1000 operations or D1's statements per request (body-too-large, too-many-rows, too-many-operations, too-many-statements, filter-too-large) */
            413: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/body-too-large" | "/problems/too-many-rows" | "/problems/too-many-operations" | "/problems/too-many-statements" | "/problems/filter-too-large";
                        /** @enum {number} */
                        status?: 413;
                    };
                };
            };
            /** @description A Content-Type this route does not take (unsupported-media-type) */
            415: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unsupported-media-type";
                        /** @enum {number} */
                        status?: 415;
                    };
                };
            };
            /** @description Well-formed but invalid (invalid-body, invalid-path, idempotency-key-reused) */
            422: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-body" | "/problems/invalid-path" | "/problems/idempotency-key-reused";
                        /** @enum {number} */
                        status?: 422;
                    };
                };
            };
            /** @description No token is configured, or the database is unavailable or overloaded for now (no-tokens-configured, database-unavailable) */
            503: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description database-unavailable: seconds to wait before trying again. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/no-tokens-configured" | "/problems/database-unavailable";
                        /** @enum {number} */
                        status?: 503;
                    };
                };
            };
        };
    };
    deleteUsers: {
        parameters: {
            query?: {
                /** @description Exactly these ids; repeat the parameter for several (user_id=a&user_id=b). */
                user_id?: string[];
                /** @description Ids that start with it (case-sensitive, compares bytes). */
                user_id_prefix?: string;
                /** @description user_data equals it. */
                user_data?: string;
                /** @description user_data contains it, literally; only ASCII A–Z fold case. */
                q?: string;
                /** @description time_stamp after it (exclusive), ISO 8601. */
                updated_after?: string;
                /** @description time_stamp before it (exclusive), ISO 8601. */
                updated_before?: string;
                /** @description Required (true) to change every row with no filter. */
                all?: "true" | "false";
            };
            header?: {
                /** @description A D1 bookmark from an earlier answer: read at least that fresh. */
                "x-d1-bookmark"?: string;
                /** @description 1–255 printable ASCII characters: a repeat of this request with the same key answers its first success again, and writes nothing. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Rows deleted */
            200: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description A D1 bookmark: send it back to read at least this fresh. */
                    "x-d1-bookmark"?: string;
                    /** @description true when this is the first answer of this Idempotency-Key again. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Count"];
                };
            };
            /** @description A query parameter or header is malformed (invalid-query, unknown-parameter, repeated-parameter, invalid-bookmark, invalid-idempotency-key) */
            400: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-query" | "/problems/unknown-parameter" | "/problems/repeated-parameter" | "/problems/invalid-bookmark" | "/problems/invalid-idempotency-key";
                        /** @enum {number} */
                        status?: 400;
                    };
                };
            };
            /** @description No bearer token, or not a valid one (unauthorized) */
            401: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unauthorized";
                        /** @enum {number} */
                        status?: 401;
                    };
                };
            };
            /** @description The token has the read scope only (forbidden) */
            403: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/forbidden";
                        /** @enum {number} */
                        status?: 403;
                    };
                };
            };
            /** @description The first request with this Idempotency-Key is still running (idempotency-key-in-use) */
            409: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/idempotency-key-in-use";
                        /** @enum {number} */
                        status?: 409;
                    };
                };
            };
            /** @description The user_id filter is too large (filter-too-large, too-many-statements) */
            413: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/filter-too-large" | "/problems/too-many-statements";
                        /** @enum {number} */
                        status?: 413;
                    };
                };
            };
            /** @description A mass delete with no filter and without all=true (unfiltered-mass-write, idempotency-key-reused) */
            422: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unfiltered-mass-write" | "/problems/idempotency-key-reused";
                        /** @enum {number} */
                        status?: 422;
                    };
                };
            };
            /** @description No token is configured, or the database is unavailable or overloaded for now (no-tokens-configured, database-unavailable) */
            503: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description database-unavailable: seconds to wait before trying again. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/no-tokens-configured" | "/problems/database-unavailable";
                        /** @enum {number} */
                        status?: 503;
                    };
                };
            };
        };
    };
    updateUsers: {
        parameters: {
            query?: {
                /** @description Exactly these ids; repeat the parameter for several (user_id=a&user_id=b). */
                user_id?: string[];
                /** @description Ids that start with it (case-sensitive, compares bytes). */
                user_id_prefix?: string;
                /** @description user_data equals it. */
                user_data?: string;
                /** @description user_data contains it, literally; only ASCII A–Z fold case. */
                q?: string;
                /** @description time_stamp after it (exclusive), ISO 8601. */
                updated_after?: string;
                /** @description time_stamp before it (exclusive), ISO 8601. */
                updated_before?: string;
                /** @description Required (true) to change every row with no filter. */
                all?: "true" | "false";
            };
            header?: {
                /** @description A D1 bookmark from an earlier answer: read at least that fresh. */
                "x-d1-bookmark"?: string;
                /** @description 1–255 printable ASCII characters: a repeat of this request with the same key answers its first success again, and writes nothing. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example [
                 *       {
                 *         "user_id": "Brad",
                 *         "user_data": "bulk data for Brad"
                 *       }
                 *     ]
                 */
                "application/json": components["schemas"]["RowUpdate"][] | components["schemas"]["UserData"];
            };
        };
        responses: {
            /** @description Rows changed */
            200: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description A D1 bookmark: send it back to read at least this fresh. */
                    "x-d1-bookmark"?: string;
                    /** @description true when this is the first answer of this Idempotency-Key again. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Count"];
                };
            };
            /** @description The body does not parse, or a query parameter or header is malformed (invalid-query, unknown-parameter, repeated-parameter, invalid-bookmark, malformed-json, malformed-ndjson, malformed-csv, malformed-encoding, body-incomplete, invalid-idempotency-key) */
            400: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-query" | "/problems/unknown-parameter" | "/problems/repeated-parameter" | "/problems/invalid-bookmark" | "/problems/malformed-json" | "/problems/malformed-ndjson" | "/problems/malformed-csv" | "/problems/malformed-encoding" | "/problems/body-incomplete" | "/problems/invalid-idempotency-key";
                        /** @enum {number} */
                        status?: 400;
                    };
                };
            };
            /** @description No bearer token, or not a valid one (unauthorized) */
            401: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unauthorized";
                        /** @enum {number} */
                        status?: 401;
                    };
                };
            };
            /** @description The token has the read scope only (forbidden) */
            403: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/forbidden";
                        /** @enum {number} */
                        status?: 403;
                    };
                };
            };
            /** @description The row(s) named do not exist (not-found) */
            404: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/not-found";
                        /** @enum {number} */
                        status?: 404;
                    };
                };
            };
            /** @description An id appears twice (duplicate-ids, idempotency-key-in-use) */
            409: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/duplicate-ids" | "/problems/idempotency-key-in-use";
                        /** @enum {number} */
                        status?: 409;
                    };
                };
            };
            /** @description Over 33554432 bytes, 100000 rows, 1000 operations or D1's statements per request (body-too-large, too-many-rows, too-many-operations, too-many-statements, filter-too-large) */
            413: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/body-too-large" | "/problems/too-many-rows" | "/problems/too-many-operations" | "/problems/too-many-statements" | "/problems/filter-too-large";
                        /** @enum {number} */
                        status?: 413;
                    };
                };
            };
            /** @description A Content-Type this route does not take (unsupported-media-type) */
            415: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unsupported-media-type";
                        /** @enum {number} */
                        status?: 415;
                    };
                };
            };
            /** @description Invalid, or a mass update with no filter (invalid-body, unfiltered-mass-write, idempotency-key-reused) */
            422: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-body" | "/problems/unfiltered-mass-write" | "/problems/idempotency-key-reused";
                        /** @enum {number} */
                        status?: 422;
                    };
                };
            };
            /** @description No token is configured, or the database is unavailable or overloaded for now (no-tokens-configured, database-unavailable) */
            503: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description database-unavailable: seconds to wait before trying again. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/no-tokens-configured" | "/problems/database-unavailable";
                        /** @enum {number} */
                        status?: 503;
                    };
                };
            };
        };
    };
    exportUsers: {
        parameters: {
            query?: {
                /** @description Exactly these ids; repeat the parameter for several (user_id=a&user_id=b). */
                user_id?: string[];
                /** @description Ids that start with it (case-sensitive, compares bytes). */
                user_id_prefix?: string;
                /** @description user_data equals it. */
                user_data?: string;
                /** @description user_data contains it, literally; only ASCII A–Z fold case. */
                q?: string;
                /** @description time_stamp after it (exclusive), ISO 8601. */
                updated_after?: string;
                /** @description time_stamp before it (exclusive), ISO 8601. */
                updated_before?: string;
                order?: "user_id" | "-user_id" | "time_stamp" | "-time_stamp";
                /** @description Wins over Accept. */
                format?: "ndjson" | "csv";
                /** @description Comma-separated, distinct, of user_id, user_data, time_stamp. Default: all. */
                columns?: string;
            };
            header?: {
                /** @description A D1 bookmark from an earlier answer: read at least that fresh. */
                "x-d1-bookmark"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every selected row */
            200: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description attachment; filename="userdata.ndjson" or "userdata.csv" */
                    "Content-Disposition": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                    "text/csv": string;
                };
            };
            /** @description A query parameter or header is malformed (invalid-query, unknown-parameter, repeated-parameter, invalid-bookmark) */
            400: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-query" | "/problems/unknown-parameter" | "/problems/repeated-parameter" | "/problems/invalid-bookmark";
                        /** @enum {number} */
                        status?: 400;
                    };
                };
            };
            /** @description No bearer token, or not a valid one (unauthorized) */
            401: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unauthorized";
                        /** @enum {number} */
                        status?: 401;
                    };
                };
            };
            /** @description None of the formats this route answers in (not-acceptable) */
            406: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/not-acceptable";
                        /** @enum {number} */
                        status?: 406;
                    };
                };
            };
            /** @description More rows than one request can stream; slice it with a filter (export-too-large, filter-too-large) */
            413: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/export-too-large" | "/problems/filter-too-large";
                        /** @enum {number} */
                        status?: 413;
                    };
                };
            };
            /** @description No token is configured, or the database is unavailable or overloaded for now (no-tokens-configured, database-unavailable) */
            503: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description database-unavailable: seconds to wait before trying again. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/no-tokens-configured" | "/problems/database-unavailable";
                        /** @enum {number} */
                        status?: 503;
                    };
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description A D1 bookmark from an earlier answer: read at least that fresh. */
                "x-d1-bookmark"?: string;
                /** @description 304 when the row's ETag is one of these. */
                "if-none-match"?: string;
            };
            path: {
                /** @description 1–32 characters, no control characters (U+0000–U+001F, U+007F); case-sensitive. */
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The row */
            200: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description A D1 bookmark: send it back to read at least this fresh. */
                    "x-d1-bookmark"?: string;
                    /** @description The row's strong ETag. */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Row"];
                };
            };
            /** @description The row still has the ETag If-None-Match named */
            304: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description The row's strong ETag. */
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A query parameter or header is malformed (invalid-query, unknown-parameter, repeated-parameter, invalid-bookmark) */
            400: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-query" | "/problems/unknown-parameter" | "/problems/repeated-parameter" | "/problems/invalid-bookmark";
                        /** @enum {number} */
                        status?: 400;
                    };
                };
            };
            /** @description No bearer token, or not a valid one (unauthorized) */
            401: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unauthorized";
                        /** @enum {number} */
                        status?: 401;
                    };
                };
            };
            /** @description The row(s) named do not exist (not-found) */
            404: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/not-found";
                        /** @enum {number} */
                        status?: 404;
                    };
                };
            };
            /** @description The path's user_id breaks the id rule (invalid-path) */
            422: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-path";
                        /** @enum {number} */
                        status?: 422;
                    };
                };
            };
            /** @description No token is configured, or the database is unavailable or overloaded for now (no-tokens-configured, database-unavailable) */
            503: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description database-unavailable: seconds to wait before trying again. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/no-tokens-configured" | "/problems/database-unavailable";
                        /** @enum {number} */
                        status?: 503;
                    };
                };
            };
        };
    };
    putUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description A D1 bookmark from an earlier answer: read at least that fresh. */
                "x-d1-bookmark"?: string;
                /** @description Write only if the row's current ETag is one of these (or *); else 412. */
                "if-match"?: string;
                /** @description 1–255 printable ASCII characters: a repeat of this request with the same key answers its first success again, and writes nothing. */
                "idempotency-key"?: string;
            };
            path: {
                /** @description 1–32 characters, no control characters (U+0000–U+001F, U+007F); case-sensitive. */
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "user_data": "Brad's data"
                 *     }
                 */
                "application/json": components["schemas"]["PutBody"];
            };
        };
        responses: {
            /** @description Replaced */
            200: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description A D1 bookmark: send it back to read at least this fresh. */
                    "x-d1-bookmark"?: string;
                    /** @description The row's strong ETag. */
                    ETag: string;
                    /** @description true when this is the first answer of this Idempotency-Key again. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Row"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description A D1 bookmark: send it back to read at least this fresh. */
                    "x-d1-bookmark"?: string;
                    /** @description The row's strong ETag. */
                    ETag: string;
                    /** @description The new row's path. */
                    Location: string;
                    /** @description true when this is the first answer of this Idempotency-Key again. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Row"];
                };
            };
            /** @description The body does not parse, or a query parameter or header is malformed (invalid-query, unknown-parameter, repeated-parameter, invalid-bookmark, malformed-json, malformed-ndjson, malformed-csv, malformed-encoding, body-incomplete, invalid-idempotency-key) */
            400: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-query" | "/problems/unknown-parameter" | "/problems/repeated-parameter" | "/problems/invalid-bookmark" | "/problems/malformed-json" | "/problems/malformed-ndjson" | "/problems/malformed-csv" | "/problems/malformed-encoding" | "/problems/body-incomplete" | "/problems/invalid-idempotency-key";
                        /** @enum {number} */
                        status?: 400;
                    };
                };
            };
            /** @description No bearer token, or not a valid one (unauthorized) */
            401: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unauthorized";
                        /** @enum {number} */
                        status?: 401;
                    };
                };
            };
            /** @description The token has the read scope only (forbidden) */
            403: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/forbidden";
                        /** @enum {number} */
                        status?: 403;
                    };
                };
            };
            /** @description The first request with this Idempotency-Key is still running (idempotency-key-in-use) */
            409: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/idempotency-key-in-use";
                        /** @enum {number} */
                        status?: 409;
                    };
                };
            };
            /** @description If-Match does not match the row's ETag (precondition-failed) */
            412: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/precondition-failed";
                        /** @enum {number} */
                        status?: 412;
                    };
                };
            };
            /** @description Over 33554432 bytes, 100000 rows, 1000 operations or D1's statements per request (body-too-large, too-many-rows, too-many-operations, too-many-statements, filter-too-large) */
            413: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/body-too-large" | "/problems/too-many-rows" | "/problems/too-many-operations" | "/problems/too-many-statements" | "/problems/filter-too-large";
                        /** @enum {number} */
                        status?: 413;
                    };
                };
            };
            /** @description A Content-Type this route does not take (unsupported-media-type) */
            415: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unsupported-media-type";
                        /** @enum {number} */
                        status?: 415;
                    };
                };
            };
            /** @description Well-formed but invalid (invalid-body, invalid-path, idempotency-key-reused) */
            422: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-body" | "/problems/invalid-path" | "/problems/idempotency-key-reused";
                        /** @enum {number} */
                        status?: 422;
                    };
                };
            };
            /** @description No token is configured, or the database is unavailable or overloaded for now (no-tokens-configured, database-unavailable) */
            503: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description database-unavailable: seconds to wait before trying again. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/no-tokens-configured" | "/problems/database-unavailable";
                        /** @enum {number} */
                        status?: 503;
                    };
                };
            };
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description A D1 bookmark from an earlier answer: read at least that fresh. */
                "x-d1-bookmark"?: string;
                /** @description Write only if the row's current ETag is one of these (or *); else 412. */
                "if-match"?: string;
                /** @description 1–255 printable ASCII characters: a repeat of this request with the same key answers its first success again, and writes nothing. */
                "idempotency-key"?: string;
            };
            path: {
                /** @description 1–32 characters, no control characters (U+0000–U+001F, U+007F); case-sensitive. */
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description A D1 bookmark: send it back to read at least this fresh. */
                    "x-d1-bookmark"?: string;
                    /** @description true when this is the first answer of this Idempotency-Key again. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A query parameter or header is malformed (invalid-query, unknown-parameter, repeated-parameter, invalid-bookmark, invalid-idempotency-key) */
            400: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-query" | "/problems/unknown-parameter" | "/problems/repeated-parameter" | "/problems/invalid-bookmark" | "/problems/invalid-idempotency-key";
                        /** @enum {number} */
                        status?: 400;
                    };
                };
            };
            /** @description No bearer token, or not a valid one (unauthorized) */
            401: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unauthorized";
                        /** @enum {number} */
                        status?: 401;
                    };
                };
            };
            /** @description The token has the read scope only (forbidden) */
            403: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/forbidden";
                        /** @enum {number} */
                        status?: 403;
                    };
                };
            };
            /** @description The row(s) named do not exist (not-found) */
            404: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/not-found";
                        /** @enum {number} */
                        status?: 404;
                    };
                };
            };
            /** @description The first request with this Idempotency-Key is still running (idempotency-key-in-use) */
            409: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/idempotency-key-in-use";
                        /** @enum {number} */
                        status?: 409;
                    };
                };
            };
            /** @description If-Match does not match the row's ETag (precondition-failed) */
            412: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/precondition-failed";
                        /** @enum {number} */
                        status?: 412;
                    };
                };
            };
            /** @description The path's user_id breaks the id rule (invalid-path, idempotency-key-reused) */
            422: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-path" | "/problems/idempotency-key-reused";
                        /** @enum {number} */
                        status?: 422;
                    };
                };
            };
            /** @description No token is configured, or the database is unavailable or overloaded for now (no-tokens-configured, database-unavailable) */
            503: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description database-unavailable: seconds to wait before trying again. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/no-tokens-configured" | "/problems/database-unavailable";
                        /** @enum {number} */
                        status?: 503;
                    };
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description A D1 bookmark from an earlier answer: read at least that fresh. */
                "x-d1-bookmark"?: string;
                /** @description Write only if the row's current ETag is one of these (or *); else 412. */
                "if-match"?: string;
                /** @description 1–255 printable ASCII characters: a repeat of this request with the same key answers its first success again, and writes nothing. */
                "idempotency-key"?: string;
            };
            path: {
                /** @description 1–32 characters, no control characters (U+0000–U+001F, U+007F); case-sensitive. */
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "user_data": "Changed data"
                 *     }
                 */
                "application/json": components["schemas"]["UserData"];
            };
        };
        responses: {
            /** @description The changed row */
            200: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description A D1 bookmark: send it back to read at least this fresh. */
                    "x-d1-bookmark"?: string;
                    /** @description The row's strong ETag. */
                    ETag: string;
                    /** @description true when this is the first answer of this Idempotency-Key again. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Row"];
                };
            };
            /** @description The body does not parse, or a query parameter or header is malformed (invalid-query, unknown-parameter, repeated-parameter, invalid-bookmark, malformed-json, malformed-ndjson, malformed-csv, malformed-encoding, body-incomplete, invalid-idempotency-key) */
            400: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-query" | "/problems/unknown-parameter" | "/problems/repeated-parameter" | "/problems/invalid-bookmark" | "/problems/malformed-json" | "/problems/malformed-ndjson" | "/problems/malformed-csv" | "/problems/malformed-encoding" | "/problems/body-incomplete" | "/problems/invalid-idempotency-key";
                        /** @enum {number} */
                        status?: 400;
                    };
                };
            };
            /** @description No bearer token, or not a valid one (unauthorized) */
            401: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unauthorized";
                        /** @enum {number} */
                        status?: 401;
                    };
                };
            };
            /** @description The token has the read scope only (forbidden) */
            403: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/forbidden";
                        /** @enum {number} */
                        status?: 403;
                    };
                };
            };
            /** @description The row(s) named do not exist (not-found) */
            404: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/not-found";
                        /** @enum {number} */
                        status?: 404;
                    };
                };
            };
            /** @description The first request with this Idempotency-Key is still running (idempotency-key-in-use) */
            409: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/idempotency-key-in-use";
                        /** @enum {number} */
                        status?: 409;
                    };
                };
            };
            /** @description If-Match does not match the row's ETag (precondition-failed) */
            412: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/precondition-failed";
                        /** @enum {number} */
                        status?: 412;
                    };
                };
            };
            /** @description Over 33554432 bytes, 100000 rows, 1000 operations or D1's statements per request (body-too-large, too-many-rows, too-many-operations, too-many-statements, filter-too-large) */
            413: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/body-too-large" | "/problems/too-many-rows" | "/problems/too-many-operations" | "/problems/too-many-statements" | "/problems/filter-too-large";
                        /** @enum {number} */
                        status?: 413;
                    };
                };
            };
            /** @description A Content-Type this route does not take (unsupported-media-type) */
            415: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unsupported-media-type";
                        /** @enum {number} */
                        status?: 415;
                    };
                };
            };
            /** @description Well-formed but invalid (invalid-body, invalid-path, idempotency-key-reused) */
            422: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-body" | "/problems/invalid-path" | "/problems/idempotency-key-reused";
                        /** @enum {number} */
                        status?: 422;
                    };
                };
            };
            /** @description No token is configured, or the database is unavailable or overloaded for now (no-tokens-configured, database-unavailable) */
            503: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description database-unavailable: seconds to wait before trying again. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/no-tokens-configured" | "/problems/database-unavailable";
                        /** @enum {number} */
                        status?: 503;
                    };
                };
            };
        };
    };
    runTransaction: {
        parameters: {
            query?: never;
            header?: {
                /** @description A D1 bookmark from an earlier answer: read at least that fresh. */
                "x-d1-bookmark"?: string;
                /** @description 1–255 printable ASCII characters: a repeat of this request with the same key answers its first success again, and writes nothing. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "operations": [
                 *         {
                 *           "op": "select",
                 *           "where": {
                 *             "user_id": [
                 *               "Brad"
                 *             ]
                 *           }
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["Transaction"];
            };
        };
        responses: {
            /** @description One result per operation, or a dry run's verdict */
            200: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description A D1 bookmark: send it back to read at least this fresh. */
                    "x-d1-bookmark"?: string;
                    /** @description true when this is the first answer of this Idempotency-Key again. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Results"] | components["schemas"]["DryRunVerdict"];
                };
            };
            /** @description The body does not parse, or a query parameter or header is malformed (invalid-query, unknown-parameter, repeated-parameter, invalid-bookmark, malformed-json, malformed-ndjson, malformed-csv, malformed-encoding, body-incomplete, invalid-idempotency-key) */
            400: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-query" | "/problems/unknown-parameter" | "/problems/repeated-parameter" | "/problems/invalid-bookmark" | "/problems/malformed-json" | "/problems/malformed-ndjson" | "/problems/malformed-csv" | "/problems/malformed-encoding" | "/problems/body-incomplete" | "/problems/invalid-idempotency-key";
                        /** @enum {number} */
                        status?: 400;
                    };
                };
            };
            /** @description No bearer token, or not a valid one (unauthorized) */
            401: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unauthorized";
                        /** @enum {number} */
                        status?: 401;
                    };
                };
            };
            /** @description The token has the read scope only (forbidden) */
            403: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/forbidden";
                        /** @enum {number} */
                        status?: 403;
                    };
                };
            };
            /** @description The row(s) named do not exist (not-found) */
            404: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/not-found";
                        /** @enum {number} */
                        status?: 404;
                    };
                };
            };
            /** @description An insert conflicts, or an expect fails (already-exists, duplicate-ids, expectation-failed, idempotency-key-in-use) */
            409: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/already-exists" | "/problems/duplicate-ids" | "/problems/expectation-failed" | "/problems/idempotency-key-in-use";
                        /** @enum {number} */
                        status?: 409;
                    };
                };
            };
            /** @description Over 33554432 bytes, 100000 rows, 1000 operations or D1's statements per request (body-too-large, too-many-rows, too-many-operations, too-many-statements, filter-too-large) */
            413: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/body-too-large" | "/problems/too-many-rows" | "/problems/too-many-operations" | "/problems/too-many-statements" | "/problems/filter-too-large";
                        /** @enum {number} */
                        status?: 413;
                    };
                };
            };
            /** @description A Content-Type this route does not take (unsupported-media-type) */
            415: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unsupported-media-type";
                        /** @enum {number} */
                        status?: 415;
                    };
                };
            };
            /** @description Well-formed but invalid, or a mass write with no filter (invalid-body, unfiltered-mass-write, idempotency-key-reused) */
            422: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-body" | "/problems/unfiltered-mass-write" | "/problems/idempotency-key-reused";
                        /** @enum {number} */
                        status?: 422;
                    };
                };
            };
            /** @description No token is configured, or the database is unavailable or overloaded for now (no-tokens-configured, database-unavailable) */
            503: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description database-unavailable: seconds to wait before trying again. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/no-tokens-configured" | "/problems/database-unavailable";
                        /** @enum {number} */
                        status?: 503;
                    };
                };
            };
        };
    };
    openSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description A D1 bookmark from an earlier answer: read at least that fresh. */
                "x-d1-bookmark"?: string;
                /** @description 1–255 printable ASCII characters: a repeat of this request with the same key answers its first success again, and writes nothing. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "ttl_s": 600
                 *     }
                 */
                "application/json": components["schemas"]["OpenSession"];
            };
        };
        responses: {
            /** @description The new session */
            201: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description A D1 bookmark: send it back to read at least this fresh. */
                    "x-d1-bookmark"?: string;
                    /** @description The session's path. */
                    Location: string;
                    /** @description true when this is the first answer of this Idempotency-Key again. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description The body does not parse, or a query parameter or header is malformed (invalid-query, unknown-parameter, repeated-parameter, invalid-bookmark, malformed-json, malformed-ndjson, malformed-csv, malformed-encoding, body-incomplete, invalid-idempotency-key) */
            400: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-query" | "/problems/unknown-parameter" | "/problems/repeated-parameter" | "/problems/invalid-bookmark" | "/problems/malformed-json" | "/problems/malformed-ndjson" | "/problems/malformed-csv" | "/problems/malformed-encoding" | "/problems/body-incomplete" | "/problems/invalid-idempotency-key";
                        /** @enum {number} */
                        status?: 400;
                    };
                };
            };
            /** @description No bearer token, or not a valid one (unauthorized) */
            401: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unauthorized";
                        /** @enum {number} */
                        status?: 401;
                    };
                };
            };
            /** @description The token has the read scope only (forbidden) */
            403: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/forbidden";
                        /** @enum {number} */
                        status?: 403;
                    };
                };
            };
            /** @description The first request with this Idempotency-Key is still running (idempotency-key-in-use) */
            409: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/idempotency-key-in-use";
                        /** @enum {number} */
                        status?: 409;
                    };
                };
            };
            /** @description Over 33554432 bytes, 100000 rows, 1000 operations or D1's statements per request (body-too-large, too-many-rows, too-many-operations, too-many-statements, filter-too-large) */
            413: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/body-too-large" | "/problems/too-many-rows" | "/problems/too-many-operations" | "/problems/too-many-statements" | "/problems/filter-too-large";
                        /** @enum {number} */
                        status?: 413;
                    };
                };
            };
            /** @description A Content-Type this route does not take (unsupported-media-type) */
            415: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unsupported-media-type";
                        /** @enum {number} */
                        status?: 415;
                    };
                };
            };
            /** @description Well-formed but invalid (invalid-body, invalid-path, idempotency-key-reused) */
            422: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-body" | "/problems/invalid-path" | "/problems/idempotency-key-reused";
                        /** @enum {number} */
                        status?: 422;
                    };
                };
            };
            /** @description Too many sessions are open (too-many-sessions) */
            429: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/too-many-sessions";
                        /** @enum {number} */
                        status?: 429;
                    };
                };
            };
            /** @description No token is configured, or the database is unavailable or overloaded for now (no-tokens-configured, database-unavailable) */
            503: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description database-unavailable: seconds to wait before trying again. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/no-tokens-configured" | "/problems/database-unavailable";
                        /** @enum {number} */
                        status?: 503;
                    };
                };
            };
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description A D1 bookmark from an earlier answer: read at least that fresh. */
                "x-d1-bookmark"?: string;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session */
            200: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description A D1 bookmark: send it back to read at least this fresh. */
                    "x-d1-bookmark"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description A query parameter or header is malformed (invalid-query, unknown-parameter, repeated-parameter, invalid-bookmark) */
            400: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-query" | "/problems/unknown-parameter" | "/problems/repeated-parameter" | "/problems/invalid-bookmark";
                        /** @enum {number} */
                        status?: 400;
                    };
                };
            };
            /** @description No bearer token, or not a valid one (unauthorized) */
            401: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unauthorized";
                        /** @enum {number} */
                        status?: 401;
                    };
                };
            };
            /** @description The token has the read scope only (forbidden) */
            403: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/forbidden";
                        /** @enum {number} */
                        status?: 403;
                    };
                };
            };
            /** @description No such session: rolled back, expired, or never opened (session-not-found) */
            404: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/session-not-found";
                        /** @enum {number} */
                        status?: 404;
                    };
                };
            };
            /** @description No token is configured, or the database is unavailable or overloaded for now (no-tokens-configured, database-unavailable) */
            503: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description database-unavailable: seconds to wait before trying again. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/no-tokens-configured" | "/problems/database-unavailable";
                        /** @enum {number} */
                        status?: 503;
                    };
                };
            };
        };
    };
    rollbackSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description A D1 bookmark from an earlier answer: read at least that fresh. */
                "x-d1-bookmark"?: string;
                /** @description 1–255 printable ASCII characters: a repeat of this request with the same key answers its first success again, and writes nothing. */
                "idempotency-key"?: string;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Rolled back; the session is gone */
            204: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description true when this is the first answer of this Idempotency-Key again. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A query parameter or header is malformed (invalid-query, unknown-parameter, repeated-parameter, invalid-bookmark, invalid-idempotency-key) */
            400: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-query" | "/problems/unknown-parameter" | "/problems/repeated-parameter" | "/problems/invalid-bookmark" | "/problems/invalid-idempotency-key";
                        /** @enum {number} */
                        status?: 400;
                    };
                };
            };
            /** @description No bearer token, or not a valid one (unauthorized) */
            401: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unauthorized";
                        /** @enum {number} */
                        status?: 401;
                    };
                };
            };
            /** @description The token has the read scope only (forbidden) */
            403: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/forbidden";
                        /** @enum {number} */
                        status?: 403;
                    };
                };
            };
            /** @description No such session: rolled back, expired, or never opened (session-not-found) */
            404: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/session-not-found";
                        /** @enum {number} */
                        status?: 404;
                    };
                };
            };
            /** @description The session is committed (session-committed, idempotency-key-in-use) */
            409: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/session-committed" | "/problems/idempotency-key-in-use";
                        /** @enum {number} */
                        status?: 409;
                    };
                };
            };
            /** @description This Idempotency-Key came with another request (idempotency-key-reused) */
            422: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/idempotency-key-reused";
                        /** @enum {number} */
                        status?: 422;
                    };
                };
            };
            /** @description No token is configured, or the database is unavailable or overloaded for now (no-tokens-configured, database-unavailable) */
            503: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description database-unavailable: seconds to wait before trying again. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/no-tokens-configured" | "/problems/database-unavailable";
                        /** @enum {number} */
                        status?: 503;
                    };
                };
            };
        };
    };
    stageOperations: {
        parameters: {
            query?: never;
            header?: {
                /** @description A D1 bookmark from an earlier answer: read at least that fresh. */
                "x-d1-bookmark"?: string;
                /** @description 1–255 printable ASCII characters: a repeat of this request with the same key answers its first success again, and writes nothing. */
                "idempotency-key"?: string;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "operations": [
                 *         {
                 *           "op": "insert",
                 *           "rows": [
                 *             {
                 *               "user_id": "Brad",
                 *               "user_data": "Brad's data"
                 *             }
                 *           ]
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["Stage"];
            };
        };
        responses: {
            /** @description The session, its counts updated */
            200: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description A D1 bookmark: send it back to read at least this fresh. */
                    "x-d1-bookmark"?: string;
                    /** @description true when this is the first answer of this Idempotency-Key again. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description The body does not parse, or a query parameter or header is malformed (invalid-query, unknown-parameter, repeated-parameter, invalid-bookmark, malformed-json, malformed-ndjson, malformed-csv, malformed-encoding, body-incomplete, invalid-idempotency-key) */
            400: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-query" | "/problems/unknown-parameter" | "/problems/repeated-parameter" | "/problems/invalid-bookmark" | "/problems/malformed-json" | "/problems/malformed-ndjson" | "/problems/malformed-csv" | "/problems/malformed-encoding" | "/problems/body-incomplete" | "/problems/invalid-idempotency-key";
                        /** @enum {number} */
                        status?: 400;
                    };
                };
            };
            /** @description No bearer token, or not a valid one (unauthorized) */
            401: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unauthorized";
                        /** @enum {number} */
                        status?: 401;
                    };
                };
            };
            /** @description The token has the read scope only (forbidden) */
            403: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/forbidden";
                        /** @enum {number} */
                        status?: 403;
                    };
                };
            };
            /** @description No such session: rolled back, expired, or never opened (session-not-found) */
            404: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/session-not-found";
                        /** @enum {number} */
                        status?: 404;
                    };
                };
            };
            /** @description An id twice, or the session is committed (duplicate-ids, session-committed, session-changed, idempotency-key-in-use) */
            409: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/duplicate-ids" | "/problems/session-committed" | "/problems/session-changed" | "/problems/idempotency-key-in-use";
                        /** @enum {number} */
                        status?: 409;
                    };
                };
            };
            /** @description Over a request's limits, or more than a session may stage (body-too-large, too-many-rows, too-many-operations, too-many-statements, filter-too-large, too-many-staged-rows) */
            413: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/body-too-large" | "/problems/too-many-rows" | "/problems/too-many-operations" | "/problems/too-many-statements" | "/problems/filter-too-large" | "/problems/too-many-staged-rows";
                        /** @enum {number} */
                        status?: 413;
                    };
                };
            };
            /** @description A Content-Type this route does not take (unsupported-media-type) */
            415: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unsupported-media-type";
                        /** @enum {number} */
                        status?: 415;
                    };
                };
            };
            /** @description Well-formed but invalid (invalid-body, unfiltered-mass-write, idempotency-key-reused) */
            422: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-body" | "/problems/unfiltered-mass-write" | "/problems/idempotency-key-reused";
                        /** @enum {number} */
                        status?: 422;
                    };
                };
            };
            /** @description No token is configured, or the database is unavailable or overloaded for now (no-tokens-configured, database-unavailable) */
            503: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description database-unavailable: seconds to wait before trying again. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/no-tokens-configured" | "/problems/database-unavailable";
                        /** @enum {number} */
                        status?: 503;
                    };
                };
            };
        };
    };
    listSessionUsers: {
        parameters: {
            query?: {
                /** @description Exactly these ids; repeat the parameter for several (user_id=a&user_id=b). */
                user_id?: string[];
                /** @description Ids that start with it (case-sensitive, compares bytes). */
                user_id_prefix?: string;
                /** @description user_data equals it. */
                user_data?: string;
                /** @description user_data contains it, literally; only ASCII A–Z fold case. */
                q?: string;
                /** @description time_stamp after it (exclusive), ISO 8601. */
                updated_after?: string;
                /** @description time_stamp before it (exclusive), ISO 8601. */
                updated_before?: string;
                order?: "user_id" | "-user_id" | "time_stamp" | "-time_stamp";
                limit?: number;
                /** @description The next_cursor of the page before. */
                cursor?: string;
                /** @description Add the total (total, or X-Total-Count). */
                count?: "exact";
                /** @description Wins over Accept: json, ndjson, csv or text (the tutorial's layout). */
                format?: "json" | "ndjson" | "csv" | "text";
                /** @description Comma-separated, distinct, of user_id, user_data, time_stamp. Default: all. */
                columns?: string;
            };
            header?: {
                /** @description A D1 bookmark from an earlier answer: read at least that fresh. */
                "x-d1-bookmark"?: string;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of rows */
            200: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description A D1 bookmark: send it back to read at least this fresh. */
                    "x-d1-bookmark"?: string;
                    /** @description NDJSON, CSV and text: <?…cursor=…>; rel="next" when there is a next page. */
                    Link?: string;
                    /** @description NDJSON, CSV and text with count=exact: the total. */
                    "X-Total-Count"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page"];
                    "application/x-ndjson": string;
                    "text/csv": string;
                    "text/plain": string;
                };
            };
            /** @description A query parameter is malformed (invalid-query, unknown-parameter, repeated-parameter, invalid-cursor, invalid-bookmark) */
            400: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-query" | "/problems/unknown-parameter" | "/problems/repeated-parameter" | "/problems/invalid-cursor" | "/problems/invalid-bookmark";
                        /** @enum {number} */
                        status?: 400;
                    };
                };
            };
            /** @description No bearer token, or not a valid one (unauthorized) */
            401: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unauthorized";
                        /** @enum {number} */
                        status?: 401;
                    };
                };
            };
            /** @description The token has the read scope only (forbidden) */
            403: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/forbidden";
                        /** @enum {number} */
                        status?: 403;
                    };
                };
            };
            /** @description No such session, or a commit now would miss a row (session-not-found, not-found) */
            404: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/session-not-found" | "/problems/not-found";
                        /** @enum {number} */
                        status?: 404;
                    };
                };
            };
            /** @description None of the formats this route answers in (not-acceptable) */
            406: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/not-acceptable";
                        /** @enum {number} */
                        status?: 406;
                    };
                };
            };
            /** @description A commit now would fail (already-exists, expectation-failed, session-changed, session-committed) */
            409: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/already-exists" | "/problems/expectation-failed" | "/problems/session-changed" | "/problems/session-committed";
                        /** @enum {number} */
                        status?: 409;
                    };
                };
            };
            /** @description The user_id filter is over 1,000,000 bytes of JSON (filter-too-large) */
            413: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/filter-too-large";
                        /** @enum {number} */
                        status?: 413;
                    };
                };
            };
            /** @description No token is configured, or the database is unavailable or overloaded for now (no-tokens-configured, database-unavailable) */
            503: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description database-unavailable: seconds to wait before trying again. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/no-tokens-configured" | "/problems/database-unavailable";
                        /** @enum {number} */
                        status?: 503;
                    };
                };
            };
        };
    };
    commitSession: {
        parameters: {
            query?: {
                /** @description true: answer whether the commit would succeed, and commit nothing. */
                dry_run?: "true" | "false";
            };
            header?: {
                /** @description A D1 bookmark from an earlier answer: read at least that fresh. */
                "x-d1-bookmark"?: string;
                /** @description 1–255 printable ASCII characters: a repeat of this request with the same key answers its first success again, and writes nothing. */
                "idempotency-key"?: string;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The results, one per staged operation, or a dry run's verdict */
            200: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description A D1 bookmark: send it back to read at least this fresh. */
                    "x-d1-bookmark"?: string;
                    /** @description true when this is the first answer of this Idempotency-Key again. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Committed"] | components["schemas"]["DryRunVerdict"];
                };
            };
            /** @description A query parameter or header is malformed (invalid-query, unknown-parameter, repeated-parameter, invalid-bookmark, invalid-idempotency-key) */
            400: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/invalid-query" | "/problems/unknown-parameter" | "/problems/repeated-parameter" | "/problems/invalid-bookmark" | "/problems/invalid-idempotency-key";
                        /** @enum {number} */
                        status?: 400;
                    };
                };
            };
            /** @description No bearer token, or not a valid one (unauthorized) */
            401: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/unauthorized";
                        /** @enum {number} */
                        status?: 401;
                    };
                };
            };
            /** @description The token has the read scope only (forbidden) */
            403: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description Bearer realm="userdata", with error= when a token was sent. */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/forbidden";
                        /** @enum {number} */
                        status?: 403;
                    };
                };
            };
            /** @description No such session, or a staged operation's row is missing (session-not-found, not-found) */
            404: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/session-not-found" | "/problems/not-found";
                        /** @enum {number} */
                        status?: 404;
                    };
                };
            };
            /** @description A staged operation's precondition fails now (already-exists, expectation-failed, session-changed, session-committed, idempotency-key-in-use) */
            409: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/already-exists" | "/problems/expectation-failed" | "/problems/session-changed" | "/problems/session-committed" | "/problems/idempotency-key-in-use";
                        /** @enum {number} */
                        status?: 409;
                    };
                };
            };
            /** @description This Idempotency-Key came with another request (idempotency-key-reused) */
            422: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/idempotency-key-reused";
                        /** @enum {number} */
                        status?: 422;
                    };
                };
            };
            /** @description No token is configured, or the database is unavailable or overloaded for now (no-tokens-configured, database-unavailable) */
            503: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    /** @description database-unavailable: seconds to wait before trying again. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        type?: "/problems/no-tokens-configured" | "/problems/database-unavailable";
                        /** @enum {number} */
                        status?: 503;
                    };
                };
            };
        };
    };
    openapi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document */
            200: {
                headers: {
                    /** @description This request's id; quote it when reporting a problem. */
                    "X-Request-Id": string;
                    /** @description total: the Worker's time; db: D1's own time, statements, rows read and written. */
                    "Server-Timing": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
}
