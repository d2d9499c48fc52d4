-- Reports of users (Client-Server API, "Reporting content", reportUser, v1.14), kept apart from
-- event and room reports because they concern no room. Their IDs come from the same 'reports'
-- counter, so a report ID names one report of any kind.
CREATE TABLE user_reports (
    id             BIGINT PRIMARY KEY,
    received_ts    BIGINT NOT NULL,
    target_user_id TEXT   NOT NULL,
    user_id        TEXT   NOT NULL,
    reason         TEXT   NOT NULL
);
