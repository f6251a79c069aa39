-- A person whose records give a postcode but no house (a DWP match return gives only a postcode) has no home_key.
-- home_postcode keeps the postcode of their home, else of their newest record, so that such a person can be placed
-- with the one household at that postcode where someone bears their family name (family_member basis POSTCODE).
alter table person add column home_postcode text;
create index person_home_postcode on person (home_postcode) where merged_into is null;
-- the persons a household at a postcode may take in: few, so looked up without reading everyone at the postcode
create index person_unplaced on person (home_postcode) where home_key is null and merged_into is null;

update person set home_postcode = split_part(home_key, ':', 2) where home_key like 'pc:%';
update person p
   set home_postcode = (select upper(regexp_replace(l.subject_postcode, '[^A-Za-z0-9]', '', 'g'))
                          from person_link l
                         where l.person_id = p.person_id and l.subject_postcode is not null
                         order by l.observed_at desc nulls last, l.record_key
                         limit 1)
 where p.home_postcode is null;

-- POSTCODE: placed in the household at their postcode by family name, their records giving no house.
alter table family_member drop constraint family_member_basis_check;
alter table family_member add constraint family_member_basis_check check (basis in ('HOUSEHOLD', 'POSTCODE', 'STATED'));

-- The reference a feed gives to records of people involved together (a police incident, a tenancy), on the link of
-- the record's current version: when a school return names a parent that several persons could be, the one who
-- shares an incident or tenancy with the child's household is meant.
alter table person_link add column shared_ref text;
create index person_link_shared_ref on person_link (shared_ref) where shared_ref is not null;
update person_link l
   set shared_ref = r.partner || ':' || coalesce(r.facts ->> 'incidentRef', r.facts ->> 'tenancyRef')
  from partner_record r
 where r.record_id = l.record_id and coalesce(r.facts ->> 'incidentRef', r.facts ->> 'tenancyRef') is not null;

create or replace function person_link_forget_gone_versions() returns trigger language plpgsql as $$
begin
    update person_link l
       set subject_current = false, subject_given = null, subject_family = null, subject_dob = null,
           subject_sex = null, subject_line1 = null, subject_town = null, subject_postcode = null, subject_uprn = null,
           nhs_number = null, nino = null, upn = null, pnc_id = null, crn = null,
           record_id = null, observed_at = null, parents = null, shared_ref = null
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
