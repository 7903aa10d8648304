CREATE TABLE `idempotency_result` (
	`key` text NOT NULL,
	`s` integer NOT NULL,
	`i` integer NOT NULL,
	`operation` integer NOT NULL,
	`changes` integer,
	`row` text,
	PRIMARY KEY(`key`, `s`, `i`)
) WITHOUT ROWID;
--> statement-breakpoint
ALTER TABLE `idempotency_key` ADD `captured` integer DEFAULT 0 NOT NULL;