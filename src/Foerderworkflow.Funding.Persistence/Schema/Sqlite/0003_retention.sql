-- When the applicant's personal data of an ended case was erased (RetentionYears after the year of its end).
ALTER TABLE funding_applications ADD COLUMN personal_data_erased_at TEXT NULL;
