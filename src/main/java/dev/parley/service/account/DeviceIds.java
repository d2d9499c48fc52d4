package dev.parley.service.account;

import java.security.SecureRandom;

/** New device IDs: ten upper-case letters, as Synapse makes them. */
final class DeviceIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceIds() {
    }

    static String generate() {
        char[] id = new char[10];
        for (int i = 0; i < id.length; i++) {
            id[i] = (char) ('A' + RANDOM.nextInt(26));
        }
        return new String(id);
    }
}
