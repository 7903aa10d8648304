-- A statement in a batch reports a failed precondition by inserting a problem (JSON) here;
-- the trigger aborts the whole batch with that JSON as the error message, so the
-- check and the writes it guards run in one transaction.
CREATE VIEW `problem` AS SELECT NULL AS `body` WHERE 0;
--> statement-breakpoint
CREATE TRIGGER `problem_raise` INSTEAD OF INSERT ON `problem` BEGIN SELECT RAISE(ABORT, 'userdata-problem:' || NEW.body); END;
