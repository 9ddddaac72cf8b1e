package io.cutover.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Driver of bench/handler-init.sh: jar size, init time of our function against a naive baseline (each run in a
 * fresh JVM, alternating, against one local stub), and requests per readiness poll for 50 DMS tasks.
 *
 * <p>Arguments: repoRoot shadedJar benchClassesDir naiveLibDir repetitions
 */
public final class HandlerInitBench {
    static final long JAR_BUDGET_BYTES = 20L * 1024 * 1024;
    static final double RATIO_GOAL = 0.5;
    /**
     * Lambda's java runtimes start the JVM with tiered compilation stopped at C1 and the serial collector (AWS's
     * "Customize Java runtime startup behavior" page); so do the probes. Without the last flag a 2-core build
     * machine would pick G1, which Lambda does not use.
     */
    static final List<String> LAMBDA_LIKE_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto", "-XX:+UseSerialGC");

    private final Path repo;
    private final Path jar;
    private final Path classes;
    private final Path naiveLib;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private HandlerInitBench(Path repo, Path jar, Path classes, Path naiveLib) {
        this.repo = repo;
        this.jar = jar;
        this.classes = classes;
        this.naiveLib = naiveLib;
    }

    public static void main(String[] args) throws Exception {
        HandlerInitBench bench = new HandlerInitBench(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]),
                Path.of(args[3]));
        int repetitions = Integer.parseInt(args[4]);
        boolean goalsMet = bench.jarSize();
        try (StubAws stub = new StubAws()) {
            String example = Files.readString(bench.repo.resolve("config/example.json"));
            stub.putParameter("/cutover/orders-db/config", example);
            stub.putParameter("/cutover/bench-50/config", StubAws.withTasks(example, "bench-50", 50));
            goalsMet &= bench.initTimes(stub, repetitions);
            goalsMet &= bench.pollRequests(stub);
        }
        System.out.println();
        System.out.println(goalsMet ? "All goals met." : "Some goals NOT met (see above).");
    }

    private boolean jarSize() throws IOException {
        long size = Files.size(jar);
        boolean ok = size <= JAR_BUDGET_BYTES;
        System.out.printf(Locale.ROOT, "== Shaded jar%n%s%n  size: %.1f MB (goal <= 20 MB): %s%n", repo.relativize(jar),
                size / 1048576.0, ok ? "OK" : "OVER BUDGET");
        if (!ok) {
            System.out.println("  biggest contributors (compressed bytes in the jar, by package):");
            JarSizes.byPackage(jar).entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                    .forEach(e -> System.out.printf(Locale.ROOT, "    %7.2f MB  %s%n", e.getValue() / 1048576.0, e.getKey()));
        }
        return ok;
    }

    private boolean initTimes(StubAws stub, int repetitions) throws Exception {
        System.out.printf(Locale.ROOT, "%n== Init: JVM launch -> handler built (clients) -> first call served by the stub%n");
        System.out.printf(Locale.ROOT, "  java %s, flags %s, %d repetitions each, alternating, stub on 127.0.0.1:%d%n",
                System.getProperty("java.version"), String.join(" ", LAMBDA_LIKE_FLAGS), repetitions, stub.port());
        Map<String, String> env = environment(stub, "orders-db");
        // One discarded run each warms the page cache for both classpaths.
        probe("ours", env);
        probe("baseline", env);
        probe("floor", env);
        Map<String, List<Map<String, Long>>> runs = new LinkedHashMap<>();
        for (int i = 0; i < repetitions; i++) {
            List<String> order = i % 2 == 0 ? List.of("ours", "baseline", "floor") : List.of("floor", "baseline", "ours");
            for (String mode : order) {
                runs.computeIfAbsent(mode, k -> new ArrayList<>()).add(probe(mode, env));
            }
        }
        System.out.printf(Locale.ROOT, "  %-9s %22s %22s %20s%n", "", "launch->first call ms", "launch->clients ms",
                "JVM->first call ms");
        Map<String, Long> firstCall = new LinkedHashMap<>();
        for (String mode : List.of("ours", "baseline", "floor")) {
            List<Map<String, Long>> r = runs.get(mode);
            firstCall.put(mode, median(r, "launchToFirstMs"));
            System.out.printf(Locale.ROOT, "  %-9s %22d %22d %20d   (all launch->first: %s)%n", mode,
                    median(r, "launchToFirstMs"), median(r, "launchToInitMs"), median(r, "jvmToFirstMs"),
                    r.stream().map(m -> String.valueOf(m.get("launchToFirstMs"))).toList());
        }
        double ratio = (double) firstCall.get("ours") / firstCall.get("baseline");
        boolean ok = ratio <= RATIO_GOAL;
        System.out.printf(Locale.ROOT, "  ratio ours/baseline (median launch->first call): %.2f (goal <= %.1f): %s%n",
                ratio, RATIO_GOAL, ok ? "OK" : "NOT MET");
        System.out.printf(Locale.ROOT, "  ratio floor/baseline: %.2f (floor: one SSM client, one ObjectMapper, one call,"
                + " nothing of ours; from the same jar)%n", (double) firstCall.get("floor") / firstCall.get("baseline"));
        return ok;
    }

    private boolean pollRequests(StubAws stub) throws Exception {
        System.out.printf(Locale.ROOT, "%n== Requests per readiness poll, 50 DMS tasks (one JVM, scheduled ticks)%n");
        List<String> lines = run(List.of(java, "-cp", classpath("ours"), "io.cutover.bench.OursProbe", "poll", "4"),
                environment(stub, "bench-50"), "BENCH-POLL ");
        boolean ok = true;
        for (String line : lines) {
            Map<String, Integer> counts = counts(line.substring(line.indexOf("counts=") + "counts=".length()));
            int poll = Integer.parseInt(line.replaceAll(".*poll=(\\d+).*", "$1"));
            int taskFacts = counts.getOrDefault("DescribeReplicationTasks", 0) + counts.getOrDefault("GetMetricData", 0)
                    + counts.getOrDefault("DescribeReplicationInstances", 0);
            int alarms = counts.getOrDefault("DescribeAlarms", 0);
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            int goal = poll == 1 ? 3 : 2;
            boolean met = taskFacts <= goal;
            ok &= met;
            System.out.printf(Locale.ROOT, "  poll %d (%s): DMS+CloudWatch task facts %d (goal <= %d: %s); + alarms %d; "
                            + "+ Parameter Store %d; total %d  %s%n", poll, line.replaceAll(".*outcome=(\\S+).*", "$1"),
                    taskFacts, goal, met ? "OK" : "NOT MET", alarms, total - taskFacts - alarms, total, counts);
        }
        return ok;
    }

    private Map<String, Long> probe(String mode, Map<String, String> env) throws Exception {
        long launchedAt = System.currentTimeMillis();
        List<String> command = switch (mode) {
            case "ours" -> List.of("io.cutover.bench.OursProbe", "init", String.valueOf(launchedAt));
            case "floor" -> List.of("io.cutover.bench.FloorProbe", String.valueOf(launchedAt));
            default -> List.of("io.cutover.bench.BaselineProbe", String.valueOf(launchedAt));
        };
        List<String> full = new ArrayList<>(List.of(java));
        full.addAll(LAMBDA_LIKE_FLAGS);
        full.addAll(List.of("-cp", classpath(mode)));
        full.addAll(command);
        String line = run(full, env, ProbeReport.PREFIX).getFirst();
        if (!line.contains("outcome=ignored")) {
            throw new IllegalStateException(mode + " did not serve the call as expected: " + line);
        }
        Map<String, Long> values = new LinkedHashMap<>();
        for (String field : line.substring(ProbeReport.PREFIX.length()).split(" ")) {
            String[] kv = field.split("=", 2);
            if (kv[0].endsWith("Ms")) {
                values.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        return values;
    }

    /** Ours and the floor run from the Lambda jar alone; the baseline from its own libraries, never from our jar. */
    private String classpath(String mode) {
        return classes + File.pathSeparator + (mode.equals("baseline") ? naiveLib + "/*" : jar.toString());
    }

    private static Map<String, String> environment(StubAws stub, String migrationId) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MIGRATION_ID", migrationId);
        env.put("PARAMETER_PREFIX", "/cutover/" + migrationId);
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + stub.port());
        env.put("AWS_ACCESS_KEY_ID", "AKIDBENCHEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "bench-secret");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return env;
    }

    private static List<String> run(List<String> command, Map<String, String> env, String prefix) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(env);
        Process process = builder.start();
        List<String> all = new ArrayList<>();
        List<String> wanted = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                all.add(line);
                if (line.startsWith(prefix)) {
                    wanted.add(line);
                }
            }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0 || wanted.isEmpty()) {
            process.destroyForcibly();
            throw new IllegalStateException("probe failed: " + String.join(" ", command) + "\n" + String.join("\n", all));
        }
        return wanted;
    }

    private static long median(List<Map<String, Long>> runs, String key) {
        List<Long> values = runs.stream().map(m -> m.get(key)).sorted(Comparator.naturalOrder()).toList();
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    private static Map<String, Integer> counts(String json) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String pair : json.replaceAll("[{}\"]", "").split(",")) {
            String[] kv = pair.split(":");
            if (kv.length == 2) {
                counts.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
            }
        }
        return counts;
    }
}
