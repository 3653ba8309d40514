package dev.glivy.internal;

import dev.glivy.StatementResult;
import dev.glivy.spi.JsonOutput;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The outputs of a statement as text, where the {@code application/json} one is held as a {@link JsonOutput}
 * (bytes, perhaps already decoded): an unmodifiable map whose JSON value is turned into text only when read, so
 * listing or counting the outputs costs nothing and the bytes are never copied into a String nobody asked for.
 */
@InternalApi
public final class JsonOutputs extends AbstractMap<String, String> {
    private final Map<String, String> text;
    private final JsonOutput json;

    /** {@code text} (without an {@code application/json} entry) plus {@code json}. */
    public JsonOutputs(Map<String, String> text, JsonOutput json) {
        this.text = text;
        this.json = json;
    }

    /** The outputs held as text: {@code outputs} without a {@link JsonOutput} (whose text is never made). */
    public static Map<String, String> textOf(Map<String, String> outputs) {
        return outputs instanceof JsonOutputs j ? j.text : outputs;
    }

    /** The outputs' MIME types, without turning any of them into text. */
    public static List<String> types(Map<String, String> text, @Nullable JsonOutput json) {
        List<String> types = new ArrayList<>(text.keySet());
        if (json != null) {
            types.add(StatementResult.APPLICATION_JSON);
        }
        return types;
    }

    @Override
    public @Nullable String get(@Nullable Object key) {
        return StatementResult.APPLICATION_JSON.equals(key) ? json.text() : text.get(key);
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
        return StatementResult.APPLICATION_JSON.equals(key) || text.containsKey(key);
    }

    @Override
    public int size() {
        return text.size() + 1;
    }

    @Override
    public Set<String> keySet() {
        return Set.copyOf(types(text, json));
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                Iterator<Map.Entry<String, String>> rest = text.entrySet().iterator();
                return new Iterator<>() {
                    private boolean jsonDone;

                    @Override
                    public boolean hasNext() {
                        return rest.hasNext() || !jsonDone;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (rest.hasNext()) {
                            return rest.next();
                        }
                        if (jsonDone) {
                            throw new NoSuchElementException();
                        }
                        jsonDone = true;
                        return new SimpleImmutableEntry<>(StatementResult.APPLICATION_JSON, json.text());
                    }
                };
            }

            @Override
            public int size() {
                return JsonOutputs.this.size();
            }
        };
    }
}
