-- The committee members' ballots and declared conflicts of an open vote, until the KuF closes it (then deleted).
-- One row per person and vote (vote_id = the vote task's bookmark, new for every round): a ballot has a choice, a
-- declared conflict has a reason and no choice (it withdraws the ballot).
CREATE TABLE funding_committee_ballots (
    application_id text NOT NULL,
    vote_id text NOT NULL,
    member_id text NOT NULL,
    choice text NULL,
    conflict_reason text NULL,
    declared_by text NULL,
    cast_at timestamptz NOT NULL,
    PRIMARY KEY (application_id, vote_id, member_id),
    CONSTRAINT ck_funding_committee_ballots_kind CHECK ((choice IS NULL) <> (conflict_reason IS NULL))
);
