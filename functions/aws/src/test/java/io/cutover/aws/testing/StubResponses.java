package io.cutover.aws.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.Instant;
import java.util.List;

/**
 * How an HTTP stub recognises AWS calls and answers them, per protocol, for every module's wire tests: JSON 1.1
 * (SSM, DMS, Secrets Manager) by {@code X-Amz-Target}, Query (CloudWatch, RDS) by {@code Action=} in the form body,
 * with XML answers also used for Route 53's REST-XML.
 */
public final class StubResponses {
    private StubResponses() {
    }

    public static MappingBuilder jsonCall(String target) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
    }

    public static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    public static ResponseDefinitionBuilder jsonError(String code, String message) {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}");
    }

    public static MappingBuilder queryCall(String action) {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    public static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
    }

    /** One {@code MetricDataResults} member of a GetMetricData answer. */
    public static String metricResult(String id, List<Instant> timestamps, List<Double> values) {
        StringBuilder ts = new StringBuilder();
        timestamps.forEach(t -> ts.append("<member>").append(t).append("</member>"));
        StringBuilder vs = new StringBuilder();
        values.forEach(v -> vs.append("<member>").append(v).append("</member>"));
        return """
                <member><Id>%s</Id><Label>%s</Label><Timestamps>%s</Timestamps><Values>%s</Values>
                <StatusCode>Complete</StatusCode></member>""".formatted(id, id, ts, vs);
    }
}
