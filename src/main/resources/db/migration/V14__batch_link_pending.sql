-- Linking and grouping run after a batch is kept, in a transaction of their own that may take several kept batches
-- at once. Until it commits, the batch says its records are not linked yet, so that whichever replica is alive links
-- them (after a crash between the two transactions, nothing kept is left out of the persons and families).
alter table batch add column link_pending boolean not null default false;
create index batch_link_pending on batch (completed_at) where link_pending;
