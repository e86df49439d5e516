package io.catalogkit.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The calls on 32 threads sharing one side's clients: throughput, in calls per second. Each trial
 * settles the JIT first (see {@link Fixture}), so JMH's own warm-up only lets the threads start.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(32)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ThirtyTwoThreads extends CallBenchmarks {}
