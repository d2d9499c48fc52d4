package dev.parley.api.client;

/** The body of {@code invite}, {@code kick}, {@code ban} and {@code unban}: whom it is about, and why. */
public record MembershipChange(String userId, String reason) {
}
