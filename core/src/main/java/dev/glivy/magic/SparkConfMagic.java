package dev.glivy.magic;

import dev.glivy.config.SessionConfig;
import dev.glivy.config.Setting;
import dev.glivy.internal.SettingParser;
import java.util.Set;

/**
 * {@code %spark_conf <key=value ...>}: Spark configuration as the Glue kernel's single string, for example {@code
 * %spark_conf spark.sql.shuffle.partitions=4}; Glue receives it as the {@code --conf} default argument. {@link
 * #toString()} masks values of secret-looking keys.
 *
 * <p>Immutable.
 *
 * @param conf the configuration text, stripped; one line
 */
public record SparkConfMagic(String conf) implements ConfigMagic {
    /** The magic's name, {@value}. */
    public static final String NAME = "spark_conf";

    /**
     * Creates the magic.
     *
     * @throws IllegalArgumentException when the value is blank, several lines or has control characters
     * @throws NullPointerException when it is null
     */
    public SparkConfMagic {
        conf = Args.text("%" + NAME, conf);
    }

    static SparkConfMagic parse(String argument) {
        return new SparkConfMagic((String) SettingParser.parse(Setting.SPARK_CONF, argument));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isCellMagic() {
        return false;
    }

    @Override
    public Set<Setting> settings() {
        return Set.of(Setting.SPARK_CONF);
    }

    @Override
    public void applyTo(SessionConfig.Builder config) {
        config.sparkConf(conf);
    }

    @Override
    public String render() {
        return Args.line(NAME, conf);
    }

    /** Shows the configuration with the values of secret-looking keys masked. */
    @Override
    public String toString() {
        return "SparkConfMagic[conf=" + SettingParser.redactedConf(conf) + "]";
    }
}
