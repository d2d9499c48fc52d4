-- Account locking and suspension by server admins (Client-Server API, "Account moderation";
-- PUT /_matrix/client/v1/admin/lock|suspend/{userId}, v1.18, MSC4323). Both are reversible flags
-- on the account; tokens and devices are kept, so an unlocked user carries on where they were.
ALTER TABLE users ADD COLUMN locked BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN suspended BOOLEAN NOT NULL DEFAULT FALSE;
-- Moderated accounts are few and read whole at start-up; the index holds only them.
CREATE INDEX users_moderated ON users (user_id) WHERE locked OR suspended;
