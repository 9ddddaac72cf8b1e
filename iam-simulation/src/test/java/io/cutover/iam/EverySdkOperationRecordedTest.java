package io.cutover.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The simulation proves only what was recorded: every SDK operation functions/aws's main code can call must have
 * at least one recorded request in functions/handlers' target/iam-calls. The operations are read from the compiled
 * adapters' constant pools (each call names its {@code software.amazon.awssdk.services.*.model.*Request} or its
 * builder), so a new call is found without anyone listing it.
 */
class EverySdkOperationRecordedTest {
    private static final Pattern SDK_REQUEST = Pattern.compile(
            "software/amazon/awssdk/services/([a-z0-9]+)/model/([A-Z][A-Za-z0-9]*)Request(?:\\$Builder)?(?:;|$)");
    private static final Pattern RECORDED = Pattern.compile("\"operation\":\"([A-Za-z0-9]+)\"");

    @Test
    void everySdkOperationOfTheAdapters_hasARecordedRequest() throws IOException {
        Set<String> called = sdkOperations(Path.of(System.getProperty("aws.classes")));
        Set<String> recorded = recordedOperations(Path.of(System.getProperty("iam.calls")));

        assertThat(called).as("SDK operations in functions/aws (is it compiled?)").hasSizeGreaterThan(10);
        assertThat(called).as("operations functions/aws calls that IamCallPathsIT never recorded: drive a path"
                + " that makes them, so the IAM simulation covers them").allSatisfy(op ->
                assertThat(recorded).contains(op));
    }

    @Test
    void theConstantPoolReader_findsTheRequestTypesOfThisClass() throws IOException {
        // A reader that found nothing would make the test above pass vacuously on a renamed package.
        try (InputStream in = EverySdkOperationRecordedTest.class.getResourceAsStream(
                "EverySdkOperationRecordedTest.class")) {
            assertThat(constantPoolStrings(in)).contains(SDK_REQUEST.pattern());
        }
    }

    /** Lower-cased operation names: the SDK writes DBCluster as DbCluster, the wire and IAM as DBCluster. */
    static Set<String> sdkOperations(Path classes) throws IOException {
        Set<String> operations = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (String text : constantPoolStrings(in)) {
                        Matcher m = SDK_REQUEST.matcher(text);
                        while (m.find()) {
                            operations.add(m.group(2).toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        }
        return operations;
    }

    static Set<String> recordedOperations(Path calls) throws IOException {
        Set<String> operations = new TreeSet<>();
        try (Stream<Path> files = Files.list(calls)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                Matcher m = RECORDED.matcher(Files.readString(file));
                while (m.find()) {
                    operations.add(m.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return operations;
    }

    /** The CONSTANT_Utf8 entries of a class file (JVMS 4.4), which hold every class name and descriptor it uses. */
    static Set<String> constantPoolStrings(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        Set<String> strings = new TreeSet<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> strings.add(in.readUTF());
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return strings;
    }
}
