package io.catalogkit.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the CPU samples of a JFR recording on the benchmark's own threads (JMH names them
 * {@code ...-jmh-worker-N}; the responder's threads are left out): the methods the samples were
 * in (self), the catalogkit methods on the stack (inclusive), and self time by library.
 *
 * <p>Run: {@code java -cp sdk-benchmarks/target/benchmarks.jar io.catalogkit.benchmarks.JfrHotSpots
 * recording.jfr [top] [thread-name-part]}.
 */
public final class JfrHotSpots {
    private JfrHotSpots() {}

    /**
     * Prints the summary.
     *
     * @param args the recording, optionally how many rows (default 25) and a thread-name filter
     *     (default {@code jmh-worker})
     * @throws IOException when the recording cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        String threadPart = args.length > 2 ? args[2] : "jmh-worker";
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> library = new HashMap<>();
        int samples = 0;
        int truncated = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                    continue;
                }
                RecordedThread thread = e.getThread("sampledThread");
                if (thread == null
                        || thread.getJavaName() == null
                        || !thread.getJavaName().contains(threadPart)) {
                    continue;
                }
                List<RecordedFrame> frames = e.getStackTrace().getFrames();
                if (frames.isEmpty()) {
                    continue;
                }
                samples++;
                if (e.getStackTrace().isTruncated()) {
                    truncated++;
                }
                String topMethod = name(frames.get(0).getMethod());
                self.merge(topMethod, 1, Integer::sum);
                library.merge(library(topMethod), 1, Integer::sum);
                Set<String> onStack = new HashSet<>();
                for (RecordedFrame f : frames) {
                    String m = name(f.getMethod());
                    if (m.startsWith("io.catalogkit.") && !m.startsWith("io.catalogkit.benchmarks.")) {
                        onStack.add(m);
                    }
                }
                onStack.forEach(m -> inclusive.merge(m, 1, Integer::sum));
            }
        }
        System.out.printf(
                "%s: %d execution samples on threads named *%s*%s%n%n",
                file.getFileName(),
                samples,
                threadPart,
                truncated > 0 ? " (" + truncated + " stacks truncated: raise FlightRecorderOptions stackdepth)" : "");
        print("Self time by library (the top frame's package)", library, samples, top);
        print("Self time by method (where the samples were)", self, samples, top);
        print("catalogkit methods on the stack (inclusive)", inclusive, samples, top);
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
