-- Consent and legal-gateway engine: versioned sharing agreements (maker-checker), the consent register, and what
-- each stored record relies on (so withdrawal, suspension, expiry and retention can remove exactly those records).

create table sharing_agreement (
    agreement_id      text        not null,
    version           integer     not null,
    partner           text        not null,
    status            text        not null check (status in ('DRAFT', 'ACTIVE', 'SUSPENDED', 'EXPIRED', 'SUPERSEDED')),
    categories        text[]      not null,
    purposes          text[]      not null,
    gateways          text[]      not null,
    fields            text[]      not null,
    retention_days    integer,
    valid_from        date,
    valid_to          date,
    special_category_condition text,
    criminal_offence_condition text,
    author            text        not null,
    approver          text,
    created_at        timestamptz not null default now(),
    approved_at       timestamptz,
    status_changed_at timestamptz not null default now(),
    status_changed_by text,
    origin            text        not null default 'API' check (origin in ('BASELINE', 'API')),
    primary key (agreement_id, version),
    constraint maker_checker check (approver is null or approver <> author or origin = 'BASELINE')
);
create index sharing_agreement_partner on sharing_agreement (partner, status);

create table consent_record (
    consent_id     uuid primary key,
    given_name     text,
    family_name    text,
    date_of_birth  date,
    postcode       text,
    nhs_number     text,
    nino           text,
    upn            text,
    partners       text[]      not null,
    categories     text[]      not null,
    purposes       text[]      not null,
    given_by       text        not null check (given_by in ('SELF', 'PARENT', 'GUARDIAN')),
    given_on       date        not null,
    expires_on     date,
    evidence       text        not null,
    recorded_by    text        not null,
    recorded_at    timestamptz not null default now(),
    withdrawn_at   timestamptz,
    withdrawn_by   text
);

alter table partner_record
    add column decision      text    not null default 'PERMIT',
    add column gateways      text[]  not null default '{}',
    add column consent_ids   uuid[]  not null default '{}',
    add column dropped_fields text[] not null default '{}',
    add column flagged       boolean not null default false;
create index partner_record_consents on partner_record using gin (consent_ids);
create index partner_record_agreements on partner_record using gin (agreement_ids);

alter table batch add constraint batch_counts check (redacted <= accepted);
