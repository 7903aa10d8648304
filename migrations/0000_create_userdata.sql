CREATE TABLE `userdata` (
	`user_id` text PRIMARY KEY NOT NULL,
	`user_data` text,
	`time_stamp` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	CONSTRAINT "user_id_valid" CHECK(typeof("userdata"."user_id") = 'text' AND length("userdata"."user_id") BETWEEN 1 AND 32 AND "userdata"."user_id" NOT GLOB '*[' || char(1) || '-' || char(31) || char(127) || ']*' AND instr("userdata"."user_id", char(0)) = 0),
	CONSTRAINT "user_data_valid" CHECK("userdata"."user_data" IS NULL OR (typeof("userdata"."user_data") = 'text' AND length("userdata"."user_data") <= 640)),
	CONSTRAINT "time_stamp_valid" CHECK(strftime('%Y-%m-%dT%H:%M:%fZ', "userdata"."time_stamp") IS "userdata"."time_stamp")
);
--> statement-breakpoint
CREATE INDEX `userdata_time_stamp` ON `userdata` (`time_stamp`,`user_id`);