-- A record may join its person because its household was seen to move (LinkReason.MOVED_WITH_HOUSEHOLD): name and
-- birth date agree, the address does not, and another person is known at both addresses.
alter table person_link drop constraint person_link_how_check;
alter table person_link add constraint person_link_how_check
    check (how in ('NEW', 'IDENTIFIER', 'PROBABILISTIC', 'MOVED_WITH_HOUSEHOLD', 'REVIEW', 'SAME_KEY'));
