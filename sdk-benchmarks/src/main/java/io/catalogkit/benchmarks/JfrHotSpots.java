package io.catalogkit.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the CPU samples of a JFR recording on the benchmark's own threads (JMH names them
 * {@code ...-jmh-worker-N}; the responder's threads are left out).
 *
 * <ul>
 *   <li>{@code JfrHotSpots rec.jfr [top]}: self time by library and by method, and the methods on
 *       the stack (inclusive; catalogkit's, then all);
 *   <li>{@code JfrHotSpots diff kit.jfr kitMicrosPerOp hand.jfr handMicrosPerOp [top]}: per method
 *       on the stack, the estimated microseconds per operation spent in it on each side and the
 *       difference, largest first: where catalogkit's extra time goes. The estimate is the share
 *       of wall time the samples show (one sample per millisecond while the thread runs Java code,
 *       as with {@code method-profiling=max}) times the benchmark's average time per operation.
 * </ul>
 *
 * <p>Run: {@code java -cp sdk-benchmarks/target/benchmarks.jar io.catalogkit.benchmarks.JfrHotSpots
 * ...}.
 */
public final class JfrHotSpots {
    private static final String THREADS = "jmh-worker";

    private JfrHotSpots() {}

    /** What one recording holds for the worker threads. */
    record Profile(
            int samples,
            int truncated,
            double spanMillis,
            Map<String, Integer> self,
            Map<String, Integer> library,
            Map<String, Integer> inclusive) {
        double microsPerOp(String method, double opMicros) {
            return inclusive.getOrDefault(method, 0) / spanMillis * opMicros;
        }
    }

    /**
     * Prints a summary or a difference.
     *
     * @param args see the class description
     * @throws IOException when a recording cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length >= 5 && args[0].equals("diff")) {
            diff(
                    read(Path.of(args[1])),
                    Double.parseDouble(args[2]),
                    read(Path.of(args[3])),
                    Double.parseDouble(args[4]),
                    args.length > 5 ? Integer.parseInt(args[5]) : 30);
            return;
        }
        Path file = Path.of(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Profile p = read(file);
        System.out.printf(
                "%s: %d execution samples on threads named *%s* over %.1f s%s%n%n",
                file.getFileName(),
                p.samples(),
                THREADS,
                p.spanMillis() / 1000,
                p.truncated() > 0 ? " (" + p.truncated() + " stacks truncated: raise stackdepth)" : "");
        print("Self time by library (the top frame's package)", p.library(), p.samples(), top);
        print("Self time by method (where the samples were)", p.self(), p.samples(), top);
        Map<String, Integer> ours = new HashMap<>();
        p.inclusive().forEach((m, n) -> {
            if (m.startsWith("io.catalogkit.")) {
                ours.put(m, n);
            }
        });
        print("catalogkit methods on the stack (inclusive)", ours, p.samples(), top);
        print("Any method on the stack (inclusive)", p.inclusive(), p.samples(), top);
    }

    private static void diff(Profile kit, double kitOp, Profile hand, double handOp, int top) {
        System.out.printf(
                Locale.ROOT,
                "Java CPU per operation: catalogkit %.1f us of %.1f us, hand-written %.1f us of %.1f us%n%n",
                kit.samples() / kit.spanMillis() * kitOp,
                kitOp,
                hand.samples() / hand.spanMillis() * handOp,
                handOp);
        Set<String> methods = new TreeSet<>(kit.inclusive().keySet());
        methods.addAll(hand.inclusive().keySet());
        System.out.println("| method on the stack | catalogkit us/op | hand-written us/op | difference |");
        System.out.println("|---|---:|---:|---:|");
        methods.stream()
                .sorted((a, b) -> Double.compare(
                        kit.microsPerOp(b, kitOp) - hand.microsPerOp(b, handOp),
                        kit.microsPerOp(a, kitOp) - hand.microsPerOp(a, handOp)))
                .limit(top)
                .forEach(m -> System.out.printf(
                        Locale.ROOT,
                        "| `%s` | %.2f | %.2f | %+.2f |%n",
                        m,
                        kit.microsPerOp(m, kitOp),
                        hand.microsPerOp(m, handOp),
                        kit.microsPerOp(m, kitOp) - hand.microsPerOp(m, handOp)));
    }

    /**
     * Reads the worker threads' execution samples of a recording.
     *
     * @param file the recording
     * @return the profile
     * @throws IOException when it cannot be read
     */
    static Profile read(Path file) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> library = new HashMap<>();
        int samples = 0;
        int truncated = 0;
        Instant first = null;
        Instant last = null;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                    continue;
                }
                RecordedThread thread = e.getThread("sampledThread");
                if (thread == null
                        || thread.getJavaName() == null
                        || !thread.getJavaName().contains(THREADS)) {
                    continue;
                }
                List<RecordedFrame> frames = e.getStackTrace().getFrames();
                if (frames.isEmpty()) {
                    continue;
                }
                samples++;
                first = first == null || e.getStartTime().isBefore(first) ? e.getStartTime() : first;
                last = last == null || e.getStartTime().isAfter(last) ? e.getStartTime() : last;
                if (e.getStackTrace().isTruncated()) {
                    truncated++;
                }
                String topMethod = name(frames.get(0).getMethod());
                self.merge(topMethod, 1, Integer::sum);
                library.merge(library(topMethod), 1, Integer::sum);
                Set<String> onStack = new HashSet<>();
                for (RecordedFrame f : frames) {
                    String m = name(f.getMethod());
                    if (!m.startsWith("io.catalogkit.benchmarks.") && !m.startsWith("org.openjdk.jmh.")) {
                        onStack.add(m);
                    }
                }
                onStack.forEach(m -> inclusive.merge(m, 1, Integer::sum));
            }
        }
        double span = first == null ? 1 : Math.max(1, (last.toEpochMilli() - first.toEpochMilli()));
        return new Profile(samples, truncated, span, self, library, inclusive);
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int top) {
        System.out.println("| " + title + " | samples | % |");
        System.out.println("|---|---:|---:|");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(en -> System.out.printf(
                        Locale.ROOT,
                        "| `%s` | %d | %.1f |%n",
                        en.getKey(),
                        en.getValue(),
                        100.0 * en.getValue() / Math.max(1, samples)));
        System.out.println();
    }

    private static String name(RecordedMethod m) {
        return m == null ? "?" : m.getType().getName() + "." + m.getName();
    }

    /** A coarse owner for a method: the library it belongs to. */
    static String library(String method) {
        String[][] owners = {
            {"io.catalogkit.", "catalogkit"},
            {"okhttp3.", "OkHttp"},
            {"okio.", "Okio"},
            {"com.fasterxml.jackson.", "Jackson"},
            {"kotlin.", "Kotlin stdlib"},
            {"sun.nio.", "JDK I/O"},
            {"java.net.", "JDK I/O"},
            {"java.io.", "JDK I/O"},
            {"sun.security.", "JDK security (SecureRandom)"},
            {"java.security.", "JDK security (SecureRandom)"},
            {"java.util.UUID", "JDK security (SecureRandom)"},
            {"java.", "JDK other"},
            {"jdk.", "JDK other"},
            {"sun.", "JDK other"},
            {"org.openjdk.jmh.", "JMH"},
        };
        for (String[] o : owners) {
            if (method.startsWith(o[0])) {
                return o[1];
            }
        }
        return "other";
    }
}
