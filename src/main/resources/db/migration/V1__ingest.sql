-- Ingest foundation: batches, quarantine, staged partner records (with history), connector state.

create table batch (
    batch_id        uuid primary key,
    partner         text        not null,
    format          text        not null,
    source          text        not null check (source in ('FILE', 'PUSH', 'PULL')),
    source_name     text,
    content_sha256  text        not null,
    status          text        not null check (status in ('PROCESSING', 'COMPLETED', 'FAILED')),
    received        integer     not null default 0,
    accepted        integer     not null default 0,
    redacted        integer     not null default 0,
    refused         integer     not null default 0,
    quarantined     integer     not null default 0,
    duplicate       integer     not null default 0,
    error           text,
    started_at      timestamptz not null default now(),
    completed_at    timestamptz
);
create index batch_partner_started on batch (partner, started_at desc);

-- A record that broke the spec: kept with its position and reason so the partner can fix it.
create table quarantine (
    quarantine_id   bigserial primary key,
    batch_id        uuid        not null references batch (batch_id),
    partner         text        not null,
    position        integer     not null,
    location        text        not null,
    stage           text        not null check (stage in ('PARSE', 'VALIDATE')),
    reason          text        not null,
    raw             text        not null,
    quarantined_at  timestamptz not null default now()
);
create index quarantine_partner_batch on quarantine (partner, batch_id);

-- Canonical partner records. One current version per (partner, source_record_id); older versions are history.
create table partner_record (
    record_id        bigserial primary key,
    partner          text        not null,
    dataset          text        not null,
    source_record_id text        not null,
    version          integer     not null,
    is_current       boolean     not null,
    content_sha256   text        not null,
    batch_id         uuid        not null references batch (batch_id),
    received_at      timestamptz not null,
    observed_at      date,
    categories       text[]      not null,
    purposes         text[]      not null,
    agreement_ids    text[]      not null,
    given_name       text,
    family_name      text,
    date_of_birth    date,
    sex              text,
    address_line1    text,
    address_line2    text,
    town             text,
    postcode         text,
    uprn             text,
    nhs_number       text,
    upn              text,
    nino             text,
    pnc_id           text,
    crn              text,
    tenancy_ref      text,
    facts            jsonb       not null,
    involvement      jsonb,
    superseded_at    timestamptz
);
create unique index partner_record_one_current on partner_record (partner, source_record_id) where is_current;
create unique index partner_record_version on partner_record (partner, source_record_id, version);

-- Per-connector state that must survive restarts and be shared by replicas (pull cursors, last error).
create table connector_state (
    connector_id     text primary key,
    partner          text        not null,
    cursor_value     text,
    last_run_at      timestamptz,
    last_success_at  timestamptz,
    last_error       text,
    last_error_at    timestamptz
);
