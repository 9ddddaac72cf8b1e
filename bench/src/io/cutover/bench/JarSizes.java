package io.cutover.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Compressed bytes per package of a jar, so a jar over budget shows what to trim. SDK service clients are
 * grouped per service ({@code software/amazon/awssdk/services/ssm}), everything else by its first four segments.
 */
final class JarSizes {
    private JarSizes() {
    }

    static Map<String, Long> byPackage(Path jar) throws IOException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.isDirectory()) {
                    sizes.merge(group(entry.getName()), Math.max(0, entry.getCompressedSize()), Long::sum);
                }
            }
        }
        return sizes;
    }

    static String group(String entry) {
        String[] parts = entry.split("/");
        int depth = entry.startsWith("software/amazon/awssdk/services/") ? 5
                : entry.startsWith("META-INF/") ? 2 : 4;
        StringBuilder group = new StringBuilder();
        for (int i = 0; i < Math.min(depth, parts.length - 1); i++) {
            group.append(i == 0 ? "" : "/").append(parts[i]);
        }
        return group.isEmpty() ? "(root)" : group.toString();
    }
}
