-- Replicas (DESIGN §11): which replica is processing a batch, so that when it dies (its liveness lock in
-- PostgreSQL is freed) another one can mark the batch it left behind as abandoned instead of PROCESSING forever.
alter table batch add column replica_id text;
create index batch_processing_replica on batch (replica_id) where status = 'PROCESSING';
