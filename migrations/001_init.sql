-- NoTech's shared state in PostgreSQL (issue 17): what STATE_FILE holds, plus what replicas
-- must share. Channel ids, schedules, delivery records, counts and keyed hashes only: nothing
-- about people, no message text.

-- Digest subscriptions: one row per subscribed channel.
CREATE TABLE digest_subscriptions (
  channel_id  text PRIMARY KEY,
  cron        text NOT NULL,
  timezone    text NOT NULL,
  lang        text NOT NULL CHECK (lang IN ('en', 'ar')),
  created_at  timestamptz NOT NULL,
  from_config boolean NOT NULL DEFAULT false
);

-- A delivery log (a channel id, or review:<channel id> for the monthly review): what the next
-- digest moves on from.
CREATE TABLE digest_channels (
  log_key         text PRIMARY KEY,
  last_version    text,
  spotlight_shown jsonb NOT NULL DEFAULT '[]'::jsonb
);

-- One scheduled run of one log: the write-ahead record of src/digest/deliver.ts.
CREATE TABLE digest_deliveries (
  log_key           text NOT NULL REFERENCES digest_channels (log_key) ON DELETE CASCADE,
  run_key           text NOT NULL,
  status            text NOT NULL CHECK (status IN ('sending', 'delivered', 'failed', 'skipped')),
  attempts          integer NOT NULL CHECK (attempts >= 0),
  updated_at        timestamptz NOT NULL,
  ts                text,
  error             text,
  knowledge_version text,
  spotlight         text,
  PRIMARY KEY (log_key, run_key)
);

-- Which replica posts a run: the first to insert the row; a claim whose lease ran out (its
-- replica died) is taken over by another. Rows are removed when the run is settled.
CREATE TABLE digest_claims (
  log_key     text NOT NULL,
  run_key     text NOT NULL,
  replica     text NOT NULL,
  lease_until timestamptz NOT NULL,
  PRIMARY KEY (log_key, run_key)
);

-- Reports sent with "Report a problem", a count per UTC month (YYYY-MM).
CREATE TABLE report_counts (
  month text PRIMARY KEY CHECK (month ~ '^\d{4}-\d{2}$'),
  count integer NOT NULL CHECK (count >= 0)
);

-- Messages answered, previews shared, threads helped: keyed hashes (HMAC-SHA256 with a key
-- derived from TOKEN_ENCRYPTION_KEY), never a Slack id or text; expired after an hour.
CREATE TABLE seen_keys (
  scope    text NOT NULL,
  key_hash text NOT NULL,
  seen_at  timestamptz NOT NULL,
  PRIMARY KEY (scope, key_hash)
);
CREATE INDEX seen_keys_seen_at ON seen_keys (seen_at);

-- Reports per person per hour, under a keyed hash of the user id; rows older than the window go.
CREATE TABLE report_sends (
  user_hash text NOT NULL,
  sent_at   timestamptz NOT NULL
);
CREATE INDEX report_sends_user ON report_sends (user_hash, sent_at);
