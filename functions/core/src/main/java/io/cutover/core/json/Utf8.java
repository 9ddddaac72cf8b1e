package io.cutover.core.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Strict UTF-8 decoding of the raw bytes of an input document (a Lambda payload, an event, a file given to the
 * CLI). {@code new String(bytes, UTF_8)} replaces every malformed sequence with U+FFFD and carries on, so an event
 * with one stray byte would be acted on with text nobody sent; here it is a problem naming the byte instead.
 *
 * <p>Why UTF-8 only: the payload of a Lambda invocation is JSON ("Invoke", AWS Lambda API Reference,
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html: "The JSON that you want to provide to your Lambda
 * function as input"; EventBridge delivers events as JSON objects, "Event structure reference",
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html), and JSON exchanged between
 * systems "MUST be encoded using UTF-8" (RFC 8259, section 8.1).
 */
public final class Utf8 {
    private static final int SHOWN_BYTES = 4;

    private Utf8() {
    }

    /** The text of {@code bytes}; throws a one-problem {@link InvalidDocumentException} at the first bad byte. */
    public static String decode(byte[] bytes, String what) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int shown = Math.min(Math.max(result.length(), 1), Math.min(SHOWN_BYTES, bytes.length - at));
            String found = "not valid UTF-8 at byte " + at + " (0x"
                    + HexFormat.of().withUpperCase().formatHex(bytes, at, at + shown) + ")";
            throw new InvalidDocumentException(what, List.of(new Problem("$", found, "JSON text encoded in UTF-8")));
        }
        return out.flip().toString();
    }
}
