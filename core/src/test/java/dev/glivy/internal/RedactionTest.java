package dev.glivy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Redaction: one masking of secrets for messages, toString() and logs, linear in its input")
class RedactionTest {
    @Test
    @DisplayName("free text: key=value, JSON pairs (escaped too), user-info, presigned parameters, exact values")
    void text() {
        assertThat(Redaction.text("spark.hadoop.fs.s3a.secret.key=AKS1 spark.x=1"))
                .isEqualTo("spark.hadoop.fs.s3a.secret.key=**** spark.x=1");
        assertThat(Redaction.text("{\"password\": \"pw1\", \"name\": \"n\"}"))
                .isEqualTo("{\"password\": \"****\", \"name\": \"n\"}");
        assertThat(Redaction.text("body: {\\\"password\\\":\\\"pw2\\\",\\\"x\\\":1}"))
                .isEqualTo("body: {\\\"password\\\":\\\"****\\\",\\\"x\\\":1}");
        assertThat(Redaction.text("see https://alice:pw3@glue.example.com/x"))
                .isEqualTo("see https://****@glue.example.com/x");
        assertThat(Redaction.text("s3://b/a.jar?X-Amz-Signature=sig&X-Amz-Security-Token=tok&x=1"))
                .isEqualTo("s3://b/a.jar?X-Amz-Signature=****&X-Amz-Security-Token=****&x=1");
        assertThat(Redaction.text("Authorization: Basic YWxpY2U6cHc=")).isEqualTo("Authorization: ****");
        assertThat(Redaction.text("X-Api-Key: k-123456 rest", List.of("k-123456")))
                .isEqualTo("X-Api-Key: **** rest");
        assertThat(Redaction.text("Unrecognized token 'abc': was expecting"))
                .isEqualTo("Unrecognized token 'abc': was expecting");
    }

    @Test
    @DisplayName("maps at any depth, Spark conf pairs and URL lists; innocent values stay")
    void structures() {
        Map<String, Object> m = Map.of(
                "conf",
                Map.of("spark.ssl.keyPassword", "p", "spark.x", "1"),
                "jars",
                List.of("https://h/a.jar?Signature=s1"));
        assertThat(Redaction.map(m).toString())
                .doesNotContain("=p,", "=p}", "s1")
                .contains("spark.x=1");
        assertThat(Redaction.conf("a=1  spark.my.token=t1 b")).isEqualTo("a=1  spark.my.token=**** b");
        assertThat(Redaction.urls(List.of("s3://b/k.py?X-Amz-Credential=AKIA1&v=2")))
                .containsExactly("s3://b/k.py?X-Amz-Credential=****&v=2");
    }

    @Test
    @DisplayName("hostile input costs linear time: 200 k characters without '=' or '@' redact at once")
    void linear() {
        String value = "spark.x." + "a".repeat(200_000);
        String secretish = "password".repeat(20_000);
        String users = "http://" + "u".repeat(100_000);
        // each of these took quadratic time with the old k=v pattern; here the result is checked, not the clock
        assertThat(Redaction.conf(value)).isEqualTo(value);
        assertThat(Redaction.text(secretish)).isEqualTo(secretish);
        assertThat(Redaction.text(users)).isEqualTo(users);
    }
}
