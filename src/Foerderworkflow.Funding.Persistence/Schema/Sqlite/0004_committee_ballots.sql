-- The committee members' ballots and declared conflicts of an open vote, until the KuF closes it (then deleted).
-- One row per person and vote (vote_id = the vote task's bookmark, new for every round): a ballot has a choice, a
-- declared conflict has a reason and no choice (it withdraws the ballot). Times as in the other funding tables.
CREATE TABLE funding_committee_ballots (
    application_id TEXT NOT NULL,
    vote_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    choice TEXT NULL,
    conflict_reason TEXT NULL,
    declared_by TEXT NULL,
    cast_at TEXT NOT NULL,
    PRIMARY KEY (application_id, vote_id, member_id),
    CONSTRAINT ck_funding_committee_ballots_kind CHECK ((choice IS NULL) <> (conflict_reason IS NULL))
);
