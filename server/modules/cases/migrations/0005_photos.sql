-- Photos of cases: the grid worker's report, the handler's after-photo, the verifier's photo,
-- a resident's report. The files live on disk beside the database, named by the SHA-256 of
-- their stored bytes (photo_store.hpp); these rows attach them to a case and one event of its
-- timeline. Times are UTC epoch milliseconds.
CREATE TABLE cases_photos (
  id            {{id}},
  case_id       BIGINT NOT NULL,
  event_id      BIGINT,                      -- the timeline event it shows (NULL: the case as a whole)
  sha256        TEXT NOT NULL,               -- lower-case hex of the stored (location-stripped) bytes
  mime          TEXT NOT NULL,               -- image/jpeg | image/png | image/webp
  bytes         BIGINT NOT NULL,
  uploader_id   BIGINT,                      -- NULL: the reporting resident, through an upload token
  uploader_name TEXT NOT NULL DEFAULT '',
  created_at    BIGINT NOT NULL
);
CREATE INDEX cases_photos_case ON cases_photos (case_id, created_at, id);
-- The same bytes once per event; the download looks a digest up within one case.
CREATE UNIQUE INDEX cases_photos_event_sha ON cases_photos (case_id, event_id, sha256);

-- One-hour upload tokens given to a resident with their report: only the SHA-256 of the token
-- is kept; photos_left counts down from 4.
CREATE TABLE cases_photo_tokens (
  token_hash  TEXT PRIMARY KEY,
  case_id     BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL,
  photos_left INTEGER NOT NULL,
  created_at  BIGINT NOT NULL
);
CREATE INDEX cases_photo_tokens_expires ON cases_photo_tokens (expires_at);
