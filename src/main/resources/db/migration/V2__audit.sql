-- Audit trail (DESIGN §5): append-only, hash-chained events; identifiers only as keyed hashes.

create table audit_event (
    id              bigint generated always as identity primary key,
    occurred_at     timestamptz not null,
    type            text        not null,
    actor           text,
    role            text,
    purpose         text,
    partner         text,
    batch_id        uuid,
    record_key      text,                       -- partner|sourceRecordId
    subject_hashes  text[]      not null default '{}', -- HMAC-SHA256 (hex) of the person's identifiers
    decision        text,
    rule            text,
    reason          text,
    flagged         boolean     not null default false,
    details         jsonb,
    prev_hash       text        not null,       -- hash of the event before (64 zeros for the first)
    hash            text        not null unique -- SHA-256(prev_hash || canonical form of this event)
);
create index audit_event_occurred_at on audit_event (occurred_at);
create index audit_event_partner on audit_event (partner, occurred_at);
create index audit_event_subject_hashes on audit_event using gin (subject_hashes);

-- Append-only, enforced by the database whatever the application does. The table owner (or a superuser) can still
-- disable these triggers, or drop them: that is exactly what the hash chain detects (GET /api/audit/verify).
-- In production run the hub as a role that does not own this table and holds only INSERT and SELECT on it.
create function audit_event_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % refused', tg_op;
end;
$$;

create trigger audit_event_append_only
    before update or delete on audit_event
    for each row execute function audit_event_refuse_change();

create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_refuse_change();

revoke update, delete, truncate on audit_event from public;

-- The key of the subject hashes when familyhub.audit.hash-key is not set: generated once by the first replica to
-- start, then shared by every replica and restart, so a person's hash never changes. One row at most.
create table audit_key (
    only_one    boolean     primary key default true check (only_one),
    hash_key    bytea       not null,
    created_at  timestamptz not null default now()
);
revoke update, delete, truncate on audit_key from public;
