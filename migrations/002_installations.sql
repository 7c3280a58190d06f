-- Installations by OAuth (issue 17), and which workspace a digest subscription belongs to.
-- Bot tokens are stored sealed (AES-256-GCM with TOKEN_ENCRYPTION_KEY: src/installations/seal.ts),
-- never in the clear. Nothing about the installing person: no user id, user token or names.

CREATE TABLE installations (
  -- team:T… for a workspace install, enterprise:E… for an org-wide (Enterprise Grid) install.
  installation_key      text PRIMARY KEY CHECK (installation_key ~ '^(team|enterprise):[A-Z0-9]+$'),
  team_id               text CHECK (team_id ~ '^T[A-Z0-9]{2,}$'),
  enterprise_id         text CHECK (enterprise_id ~ '^E[A-Z0-9]{2,}$'),
  is_enterprise_install boolean NOT NULL,
  app_id                text,
  enterprise_url        text,
  bot_token             text NOT NULL CHECK (bot_token ~ '^v1:[0-9a-f]{8}:'),
  bot_refresh_token     text CHECK (bot_refresh_token ~ '^v1:[0-9a-f]{8}:'),
  bot_expires_at        bigint,
  bot_scopes            text[] NOT NULL,
  bot_id                text NOT NULL,
  bot_user_id           text NOT NULL,
  installed_at          timestamptz NOT NULL
);

-- The fingerprint (key id, not the key) of the TOKEN_ENCRYPTION_KEY this database was set up
-- with: a replica started with another key stops at once, before it seals, hashes or answers.
CREATE TABLE key_check (
  only_row   boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  key_id     text NOT NULL CHECK (key_id ~ '^[0-9a-f]{8}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- With OAuth, the workspace whose own token posts the digest (absent with one workspace).
ALTER TABLE digest_subscriptions
  ADD COLUMN team_id text CHECK (team_id ~ '^T[A-Z0-9]{2,}$'),
  ADD COLUMN enterprise_id text CHECK (enterprise_id ~ '^E[A-Z0-9]{2,}$');

-- Which conversation a "Report a problem" window was opened from, so the thank-you goes there
-- even when the window is submitted through another replica: a keyed hash of the Slack view id
-- and the channel id, for an hour at most (a modal's lifetime), deleted when the report is sent.
CREATE TABLE report_origins (
  view_hash  text PRIMARY KEY,
  channel_id text NOT NULL CHECK (channel_id ~ '^[CGD][A-Z0-9]{2,}$'),
  opened_at  timestamptz NOT NULL
);
