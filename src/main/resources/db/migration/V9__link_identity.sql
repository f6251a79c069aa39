-- The identity of each linked record's current version, kept on its person_link row, so the linker reads the
-- candidates a batch shares a block with from person_link alone: no join to the wide partner_record rows (with
-- their facts) on every batch. given_norm, family_norm and date_of_birth stay as they were (the version first
-- linked, which family grouping uses); the subject_* columns and the identifiers follow the current version.
alter table person_link
    add column subject_current  boolean not null default false,   -- the key has a current version: seed it
    add column subject_given    text,
    add column subject_family   text,
    add column subject_dob      date,
    add column subject_sex      text,
    add column subject_line1    text,
    add column subject_town     text,
    add column subject_postcode text,
    add column subject_uprn     text,
    add column nhs_number       text,
    add column nino             text,
    add column upn              text,
    add column pnc_id           text,
    add column crn              text;

update person_link l
   set subject_current = true, subject_given = r.given_name, subject_family = r.family_name,
       subject_dob = r.date_of_birth, subject_sex = r.sex, subject_line1 = r.address_line1, subject_town = r.town,
       subject_postcode = r.postcode, subject_uprn = r.uprn, nhs_number = r.nhs_number, nino = r.nino, upn = r.upn,
       pnc_id = r.pnc_id, crn = r.crn
  from partner_record r
 where r.partner = l.partner and r.source_record_id = l.source_record_id and r.is_current;

-- The linker writes the identity of each record it links, and of each new version of a record linked before (both
-- in the batch's transaction). A purge can leave a key without a current version: it is then no longer seeded, and
-- its identity is dropped with it. Statement-level, over the deleted rows only.
create function person_link_forget_gone_versions() returns trigger language plpgsql as $$
begin
    update person_link l
       set subject_current = false, subject_given = null, subject_family = null, subject_dob = null,
           subject_sex = null, subject_line1 = null, subject_town = null, subject_postcode = null, subject_uprn = null,
           nhs_number = null, nino = null, upn = null, pnc_id = null, crn = null
     where l.record_key = any (array(select distinct g.partner || '|' || g.source_record_id from gone g))
       and l.subject_current
       and not exists (select 1 from partner_record r
                        where r.partner = l.partner and r.source_record_id = l.source_record_id and r.is_current);
    return null;
end $$;

create trigger partner_record_gone_versions after delete on partner_record
    referencing old table as gone for each statement execute function person_link_forget_gone_versions();

-- Children naming a parent are found by family and given name together (each nickname form asked for by equality).
drop index stated_relation_name;
create index stated_relation_name on stated_relation (family_norm, given_norm);

-- A merge repoints the persons already merged into the retired one: found by index, not by reading every person.
create index person_merged_into on person (merged_into) where merged_into is not null;
