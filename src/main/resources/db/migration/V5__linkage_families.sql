-- Person linkage and families (DESIGN §6). Everything a replica needs lives here, none of it in memory.

create sequence person_seq;
create sequence family_seq;

-- A person the hub knows. Ids are never reused; a person absorbed by a merge keeps a pointer to the survivor so an
-- old id still resolves.
create table person (
    person_id    text primary key,
    created_at   timestamptz not null default now(),
    merged_into  text references person (person_id),
    merged_at    timestamptz,
    -- the household the person lives in now: the address of their most recently dated record that has one
    home_key     text,
    home_on      date
);
create index person_home on person (home_key) where merged_into is null;

-- Which person each partner record (by its key, across versions) belongs to, with the name it was linked on.
create table person_link (
    record_key       text primary key,              -- partner|sourceRecordId
    partner          text not null,
    source_record_id text not null,
    person_id        text not null references person (person_id),
    given_norm       text,
    family_norm      text,
    date_of_birth    date,
    linked_at        timestamptz not null default now(),
    how              text not null check (how in ('NEW', 'IDENTIFIER', 'PROBABILISTIC', 'REVIEW', 'SAME_KEY'))
);
create index person_link_person on person_link (person_id);
create index person_link_name on person_link (family_norm, given_norm);

-- Blocking keys of each linked record: a new record is compared only with records sharing one. A key stops
-- growing past the configured cap (it then says too little to block on).
create table link_block (
    block_key  text not null,
    record_key text not null,
    primary key (block_key, record_key)
);

-- Pairs scored between the thresholds, waiting for a person to decide.
create table linkage_review (
    review_id    bigserial primary key,
    left_key     text not null,
    right_key    text not null,
    score        double precision not null,
    levels       text not null,                     -- the comparison vector, explained in words
    created_at   timestamptz not null default now(),
    decision     text check (decision in ('MATCH', 'NO_MATCH')),
    decided_by   text,
    decided_at   timestamptz,
    unique (left_key, right_key)
);
create index linkage_review_open on linkage_review (review_id) where decision is null;
create index linkage_review_right on linkage_review (right_key);

create table family (
    family_id      text primary key,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    dissolved_at   timestamptz,
    merged_into    text references family (family_id),
    household_key  text,
    members        integer not null default 0,
    framework      text,
    eligible       boolean not null default false,
    criteria_met   text[] not null default '{}',
    assessed_on    date,
    view_hash      text                            -- members, criteria and workers: a change here is a notification
);
create index family_eligible on family (eligible) where dissolved_at is null;
create index family_household on family (household_key) where dissolved_at is null;

-- HOUSEHOLD: lives at the family's address; STATED: a relationship a feed states (a parent on a school return)
-- keeps them a member while living elsewhere.
create table family_member (
    family_id  text not null references family (family_id),
    person_id  text not null references person (person_id),
    basis      text not null check (basis in ('HOUSEHOLD', 'STATED')),
    since      timestamptz not null default now(),
    primary key (family_id, person_id)
);
create index family_member_person on family_member (person_id);

-- How each family came to be what it is: created, members joining and leaving, merges and splits.
create table family_event (
    event_id      bigserial primary key,
    family_id     text not null,
    kind          text not null check (kind in ('CREATED', 'MEMBER_JOINED', 'MEMBER_LEFT', 'MERGED_INTO',
                                                'ABSORBED', 'SPLIT_FROM', 'DISSOLVED')),
    person_id     text,
    other_family  text,
    at            timestamptz not null default now()
);
create index family_event_family on family_event (family_id, event_id);

create table family_allocation (
    family_id     text primary key references family (family_id),
    key_worker    text not null,
    allocated_by  text not null,
    allocated_at  timestamptz not null default now()
);
create index family_allocation_worker on family_allocation (key_worker);

-- Parents a school return names (names only, no date of birth): kept so that a parent whose own records arrive
-- later is still found and joins the child's family.
create table stated_relation (
    record_key    text not null,                    -- the child's partner record
    relationship  text not null,
    given_norm    text not null,
    family_norm   text not null,
    primary key (record_key, relationship, given_norm, family_norm)
);
create index stated_relation_name on stated_relation (family_norm);

-- Family search by identifier and postcode (current records only).
create index partner_record_nhs on partner_record (nhs_number) where is_current and nhs_number is not null;
create index partner_record_upn on partner_record (upn) where is_current and upn is not null;
create index partner_record_nino on partner_record (nino) where is_current and nino is not null;
create index partner_record_postcode on partner_record ((upper(replace(postcode, ' ', '')))) where is_current;
