-- The W3C traceparent of the commit that stored the row (NULL without tracing): the relay restores it as the parent
-- of the publish, so the consumers' spans join the trace of the request that caused the message.
ALTER TABLE workflow_outbox ADD COLUMN trace_parent TEXT NULL;
