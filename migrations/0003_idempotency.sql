CREATE TABLE `idempotency_key` (
	`key` text PRIMARY KEY NOT NULL,
	`fingerprint` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`status` integer,
	`headers` text
);
--> statement-breakpoint
CREATE INDEX `idempotency_key_expires` ON `idempotency_key` (`expires_at`);--> statement-breakpoint
CREATE TABLE `idempotency_part` (
	`key` text NOT NULL,
	`n` integer NOT NULL,
	`bytes` blob NOT NULL,
	PRIMARY KEY(`key`, `n`)
);
