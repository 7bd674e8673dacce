-- Who did a step: the person whose action resumed the instance (audit trail); NULL for starts, timers and events.
ALTER TABLE workflow_journal ADD COLUMN actor TEXT NULL;
