-- Whether the resident who reported a case through the resident form chose to publish its text
-- (description and address) on the public Open311 list. Default: not published (security issue
-- 12, finding 8). Other channels ignore it.
ALTER TABLE cases_cases ADD COLUMN public_description INTEGER NOT NULL DEFAULT 0;
