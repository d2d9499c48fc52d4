package dev.parley.service.media;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Downloads of a reserved {@code mxc://} URI whose content is still on its way wait here
 * (up to their {@code timeout_ms}) until the upload completes.
 */
final class UploadWaiters {
    private final ConcurrentHashMap<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    /**
     * Waits until {@code uploaded} holds or the timeout passes.
     *
     * @return whether it holds
     */
    boolean await(String key, Duration timeout, BooleanSupplier uploaded) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            // Register before checking, so an upload finishing in between still wakes us.
            CompletableFuture<Void> signal = waiting.computeIfAbsent(key, k -> new CompletableFuture<>());
            if (uploaded.getAsBoolean()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                signal.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // Don't keep a signal for an upload that may never come; a waiter still holding
                // it only learns of the upload at its own deadline.
                waiting.remove(key, signal);
                return uploaded.getAsBoolean();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException("upload signals never fail", e);
            }
        }
    }

    void uploaded(String key) {
        CompletableFuture<Void> signal = waiting.remove(key);
        if (signal != null) {
            signal.complete(null);
        }
    }
}
