-- The linker keeps every linked record's identity in memory across batches (a resident person index) instead of
-- reading each batch's candidates back from link_block and person_link. The database stays the truth: each
-- transaction that changes links takes a new generation, tags the person_link rows and review decisions it wrote with
-- it, and records it here, so an index that missed a change (another replica linked, a reviewer decided, a
-- transaction rolled back) knows it and catches up from those rows, or reloads.
create sequence linkage_generation_seq;

create table linkage_state (
    only_row         boolean primary key default true check (only_row),
    generation       bigint not null default 0,     -- the last committed change to links
    reset_generation bigint not null default 0      -- the last change that removed links (a purge): reload, no catch-up
);
insert into linkage_state default values;

alter table person_link add column generation bigint not null default 0;
create index person_link_generation on person_link (generation) where generation > 0;

alter table linkage_review add column decided_generation bigint;
create index linkage_review_decided_generation on linkage_review (decided_generation) where decided_generation is not null;

-- Blocking now happens in the resident index: the stored keys (names and dates in clear) are no longer read.
drop table link_block;

-- The current version of each linked record, on its link: families read a person's records, and the parents those
-- records name, through person_link alone instead of joining the wide partner_record rows.
alter table person_link
    add column record_id   bigint,
    add column observed_at date,
    add column parents     jsonb;

update person_link l
   set record_id = r.record_id, observed_at = r.observed_at, parents = r.facts -> 'parents'
  from partner_record r
 where r.partner = l.partner and r.source_record_id = l.source_record_id and r.is_current;

-- A purge that removes a key's current version forgets the version's identity on the link (V9), and its record id
-- and parents now too; the linkage generation moves on, so every resident index reloads.
create or replace function person_link_forget_gone_versions() returns trigger language plpgsql as $$
begin
    update person_link l
       set subject_current = false, subject_given = null, subject_family = null, subject_dob = null,
           subject_sex = null, subject_line1 = null, subject_town = null, subject_postcode = null, subject_uprn = null,
           nhs_number = null, nino = null, upn = null, pnc_id = null, crn = null,
           record_id = null, observed_at = null, parents = null
     where l.record_key = any (array(select distinct g.partner || '|' || g.source_record_id from gone g))
       and l.subject_current
       and not exists (select 1 from partner_record r
                        where r.partner = l.partner and r.source_record_id = l.source_record_id and r.is_current);
    if found then
        perform pg_advisory_xact_lock(1279872587); -- PersonLinker.LOCK: no batch links while the register shrinks
        update linkage_state set generation = nextval('linkage_generation_seq'), reset_generation = currval('linkage_generation_seq');
    end if;
    return null;
end $$;
