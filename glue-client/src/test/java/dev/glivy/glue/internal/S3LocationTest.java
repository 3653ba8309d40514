package dev.glivy.glue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("S3Location accepts s3://bucket/prefix URIs and rejects anything unsafe to put into session code")
class S3LocationTest {
    @Test
    @DisplayName("bucket and prefix are split, the prefix gets a final slash, children nest")
    void parses() {
        assertThat(S3Location.parse("s3://my-bucket/glivy/results"))
                .isEqualTo(new S3Location("my-bucket", "glivy/results/"));
        assertThat(S3Location.parse("s3://my.bucket.1/a=1/b_2/")).isEqualTo(new S3Location("my.bucket.1", "a=1/b_2/"));
        assertThat(S3Location.parse("s3://abc")).isEqualTo(new S3Location("abc", ""));
        assertThat(S3Location.parse("s3://abc/")).isEqualTo(new S3Location("abc", ""));
        S3Location child = S3Location.parse("s3://abc/p/").child("run-1");
        assertThat(child.uri()).isEqualTo("s3://abc/p/run-1/");
        assertThat(child.toString()).isEqualTo("s3://abc/p/run-1/");
    }

    @Test
    @DisplayName("other schemes, bad bucket names and unsafe prefixes fail naming the value and the rule")
    void rejects() {
        assertThatThrownBy(() -> S3Location.parse("s3a://bucket/p/"))
                .hasMessageContaining("'s3a://bucket/p/'")
                .hasMessageContaining("must start with s3://");
        assertThatThrownBy(() -> S3Location.parse("s3://Bucket/p/"))
                .hasMessageContaining("invalid bucket name " + "'Bucket'");
        assertThatThrownBy(() -> S3Location.parse("s3://ab/p/")).hasMessageContaining("3 to 63");
        assertThatThrownBy(() -> S3Location.parse("s3://a..b/p/")).hasMessageContaining("invalid bucket name");
        for (String bad : new String[] {
            "s3://bucket/a b/",
            "s3://bucket/a\"b/",
            "s3://bucket/a'b/",
            "s3://bucket/a*/",
            "s3://bucket/a\\b/",
            "s3://bucket/ü/",
            "s3://bucket/a{b}/"
        }) {
            assertThatThrownBy(() -> S3Location.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("use only A-Z, a-z, 0-9");
        }
        for (String bad :
                new String[] {"s3://bucket//a/", "s3://bucket/a//b/", "s3://bucket/../a/", "s3://bucket/a/./b"}) {
            assertThatThrownBy(() -> S3Location.parse(bad)).as(bad).hasMessageContaining("'..' path segment");
        }
    }
}
