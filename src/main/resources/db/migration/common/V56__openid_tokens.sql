-- OpenID tokens (Client-Server API, "OpenID"; Server-Server API, "OpenID"): a user asks for one
-- to prove their identity to a third party, which checks it through the federation endpoint
-- /openid/userinfo. Kept in the database so tokens handed out stay valid across a restart;
-- stored as the SHA-256 of the token, like access tokens.
CREATE TABLE openid_tokens (
    token_hash TEXT   PRIMARY KEY,
    user_id    TEXT   NOT NULL,
    expires_ts BIGINT NOT NULL
);
CREATE INDEX openid_tokens_expiry ON openid_tokens (expires_ts);
