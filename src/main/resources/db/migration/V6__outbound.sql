-- Transactional outbox of the outbound feeds (DESIGN §7, §11). A family change and its message commit together;
-- senders on every replica claim due PENDING rows with FOR UPDATE SKIP LOCKED. notification_id is the receiver's
-- idempotency key, derived from the caller's change key: the same change enqueued twice is one row.

create table outbound_message (
    id               bigint generated always as identity primary key,
    system           text        not null,
    family_id        text        not null,
    notification_id  uuid        not null unique,
    reason           text        not null check (reason in ('NEWLY_ELIGIBLE', 'CHANGED', 'NO_LONGER_ELIGIBLE')),
    payload          jsonb       not null,
    status           text        not null default 'PENDING' check (status in ('PENDING', 'SENT', 'DEAD')),
    attempts         integer     not null default 0 check (attempts >= 0),
    next_attempt_at  timestamptz not null default now(),
    last_error       text,
    created_at       timestamptz not null default now(),
    sent_at          timestamptz,
    last_attempt_at  timestamptz,
    case_reference   text
);

-- The senders' claim: due messages of one system, oldest first. Partial, so SENT history does not weigh on it.
create index outbound_message_due on outbound_message (system, next_attempt_at, id) where status = 'PENDING';
-- Dead letters for the data team.
create index outbound_message_dead on outbound_message (system, id) where status = 'DEAD';
create index outbound_message_family on outbound_message (family_id);
