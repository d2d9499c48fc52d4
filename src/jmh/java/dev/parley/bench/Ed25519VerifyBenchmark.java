package dev.parley.bench;

import dev.parley.core.crypto.SigningKey;
import dev.parley.core.crypto.VerifyKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Ed25519 signature verification throughput with BouncyCastle's lightweight API (target: at least
 * 15,000 verifications per second on one thread). The message is the size of a redacted event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Ed25519VerifyBenchmark {
    private VerifyKey verifyKey;
    private byte[] message;
    private byte[] signature;

    @Setup
    public void setUp() {
        byte[] seed = new byte[32];
        new Random(1).nextBytes(seed);
        SigningKey key = SigningKey.fromSeed("bench", seed);
        message = new byte[600];
        new Random(2).nextBytes(message);
        signature = key.sign(message);
        verifyKey = key.verifyKey();
        if (!verifyKey.verify(message, signature)) {
            throw new IllegalStateException("benchmark signature does not verify");
        }
    }

    @Benchmark
    public boolean verify() {
        return verifyKey.verify(message, signature);
    }
}
