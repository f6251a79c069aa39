-- Cheaper indexes on partner_record, which every ingest batch writes.
-- The agreement purges check every record against the agreements (unnest ... not exists), which no index on
-- agreement_ids can serve: that GIN index was maintained on every insert and never read.
drop index partner_record_agreements;
-- The consent purge is the only look-up by consent id, and only a record that relies on a consent can match: index
-- just those (most records rely on none). RecordPurger states the same predicate so the planner can use it.
drop index partner_record_consents;
create index partner_record_consents on partner_record using gin (consent_ids) where consent_ids <> '{}';
