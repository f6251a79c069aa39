-- Payment-by-results claims (DESIGN §7; issue 6).

-- Attachment: the day a family was first found eligible under the framework in force, and the criteria it met then.
-- Claims measure progress after it, against those criteria. Families eligible before this migration count as
-- attached on their last assessment.
alter table family
    add column attached_on        date,
    add column attached_framework text,
    add column attached_criteria  text[];
update family set attached_on = assessed_on, attached_framework = framework, attached_criteria = criteria_met
 where eligible and dissolved_at is null and assessed_on is not null;
create index family_attached on family (attached_framework, family_id) where attached_on is not null and dissolved_at is null;

-- Case closure (sf-2022: outcomes sustained six months after it): the allocation to a key worker ended. A new
-- allocation reopens the case.
alter table family_allocation
    add column closed_on date,
    add column closed_by text;

-- One claim per family, framework and outcome (route), ever. claim_id is a name-based UUID of those three, so the
-- same claim always has the same id (the claim system's idempotency key). evidence is the pack as the claim purpose
-- may see it: records kept only for identification (DWP) are never in it.
-- status: PENDING (created), QUEUED (in the outbox, http mode), SENT (the claim system took it), WRITTEN (in its
-- window's CSV file, csv mode).
create table claim (
    claim_id      uuid        primary key,
    family_id     text        not null references family (family_id),
    framework     text        not null,
    outcome       text        not null,
    period        text        not null,
    evaluated_on  date        not null,
    attached_on   date        not null,
    evidence      jsonb       not null,
    created_at    timestamptz not null default now(),
    status        text        not null default 'PENDING' check (status in ('PENDING', 'QUEUED', 'SENT', 'WRITTEN')),
    sent_at       timestamptz,
    unique (family_id, framework, outcome)
);
create index claim_period on claim (period, family_id);
create index claim_pending on claim (claim_id) where status = 'PENDING';

-- The outbox carries claims too (system 'claims', reason CLAIM).
alter table outbound_message drop constraint outbound_message_reason_check;
alter table outbound_message add constraint outbound_message_reason_check
    check (reason in ('NEWLY_ELIGIBLE', 'CHANGED', 'NO_LONGER_ELIGIBLE', 'CLAIM'));
