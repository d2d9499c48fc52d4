package dev.parley.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.api.Endpoint.RateLimit;
import dev.parley.config.ParleyConfig.Bucket;
import dev.parley.config.ParleyConfig.RateLimitConfig;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Token buckets, one per (bucket class, key), the key being a user ID or, before login, an IP
 * address. Idle buckets are forgotten after a while, so memory follows active clients.
 */
public final class RateLimiter {
    private final boolean enabled;
    private final Map<RateLimit, Bucket> settings = new EnumMap<>(RateLimit.class);
    private final Map<RateLimit, Cache<String, TokenBucket>> buckets = new EnumMap<>(RateLimit.class);
    private final LongSupplier nanoClock;

    public RateLimiter(RateLimitConfig config) {
        this(config, System::nanoTime);
    }

    RateLimiter(RateLimitConfig config, LongSupplier nanoClock) {
        this.enabled = config.enabled();
        this.nanoClock = nanoClock;
        settings.put(RateLimit.CLIENT, config.client());
        settings.put(RateLimit.LOGIN, config.login());
        settings.put(RateLimit.REGISTRATION, config.registration());
        for (RateLimit limit : settings.keySet()) {
            buckets.put(limit, Caffeine.newBuilder()
                    .expireAfterAccess(Duration.ofMinutes(10))
                    .maximumSize(1_000_000)
                    .build());
        }
    }

    /** Takes one token for {@code key}, or throws 429 {@code M_LIMIT_EXCEEDED} with {@code retry_after_ms}. */
    public void acquire(RateLimit limit, String key) {
        if (!enabled || limit == RateLimit.NONE) {
            return;
        }
        Bucket setting = settings.get(limit);
        TokenBucket bucket = buckets.get(limit).get(key, k -> new TokenBucket(setting.burst(), nanoClock.getAsLong()));
        long waitNanos = bucket.take(setting, nanoClock.getAsLong());
        if (waitNanos > 0) {
            long retryAfterMs = Math.max(1, Duration.ofNanos(waitNanos).toMillis());
            throw new MatrixException(ErrCode.LIMIT_EXCEEDED, "Too many requests", Map.of("retry_after_ms", retryAfterMs));
        }
    }

    /** A bucket's state; a tiny critical section with no blocking inside. */
    private static final class TokenBucket {
        private double tokens;
        private long lastNanos;

        TokenBucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }

        /** @return 0 if a token was taken, else nanoseconds until one will be available */
        synchronized long take(Bucket setting, long now) {
            double refill = (now - lastNanos) / 1e9 * setting.perSecond();
            tokens = Math.min(setting.burst(), tokens + refill);
            lastNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / setting.perSecond() * 1e9);
        }
    }
}
