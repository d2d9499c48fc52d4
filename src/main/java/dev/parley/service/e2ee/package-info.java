/**
 * End-to-end encryption support (Client-Server API, "End-to-End Encryption"): device, one-time,
 * fallback and cross-signing keys, their signatures, device-list tracking for {@code /sync}, and
 * server-side room key backups. The server stores and relays this key material exactly; it never
 * sees plaintext.
 */
package dev.parley.service.e2ee;
