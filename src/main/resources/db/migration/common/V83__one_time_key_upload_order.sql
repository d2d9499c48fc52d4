-- POST /keys/claim: "One-time keys are given out in the order that they were uploaded" (v1.13,
-- MSC4225). Every key of one /keys/upload call gets the same number, one more than the device's
-- highest; keys stored before this column existed were uploaded first, so they keep 0.
ALTER TABLE e2e_one_time_keys ADD COLUMN upload_seq BIGINT NOT NULL DEFAULT 0;
