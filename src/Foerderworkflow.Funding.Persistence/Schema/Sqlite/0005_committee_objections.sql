-- A member's objection to a written procedure (it moves the application to the next session): a row with the
-- choice 'Objection' and the reason given, if any; like a ballot it is replaced by the person's next ballot or conflict.
ALTER TABLE funding_committee_ballots ADD COLUMN objection_reason TEXT NULL;
