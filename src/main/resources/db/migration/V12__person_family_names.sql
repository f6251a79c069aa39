-- The family names a person's current records give, folded as person_link.family_norm. Placing a claimant known only
-- by a postcode asks which homes at that postcode bear their family name: read from person alone, where joining every
-- resident's links cost over half a second a batch at a million records.
alter table person add column family_norms text[];

update person p
   set family_norms = f.names
  from (select person_id, array_agg(distinct family_norm order by family_norm) as names
          from person_link
         where family_norm is not null and subject_current
         group by person_id) f
 where f.person_id = p.person_id;
