package dev.glivy.livy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glivy.SessionInfo;
import dev.glivy.SessionState;
import dev.glivy.StatementError;
import dev.glivy.StatementState;
import dev.glivy.spi.RemoteStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Livy's session and statement objects onto {@link SessionInfo} and {@link RemoteStatement}: normalized states,
 * outputs by MIME type ({@code text/plain} as is, {@code application/json} - the SQL kind's {@code {schema, data}} -
 * as the bytes Livy sent with the rows decoded on the way, {@code image/png} as the base64 Livy sends), and the user-code error ({@code ename},
 * {@code evalue}, {@code traceback}). A statement Livy reports {@code available} before its output is attached is
 * kept {@code RUNNING}, so core polls once more instead of finishing with no output.
 */
public final class LivyMapper {
    private final ObjectMapper json;

    /** A mapper writing JSON outputs with {@code json}. */
    public LivyMapper(ObjectMapper json) {
        this.json = json;
    }

    /** Maps a session object. */
    public SessionInfo session(LivyDto.Session s) {
        SessionState state = LivyStates.session(s.state());
        Map<String, @Nullable String> app = s.appInfo() == null ? Map.of() : s.appInfo();
        return SessionInfo.builder()
                .id(require(s.id(), "session id"))
                .backend(LivyProtocol.BACKEND)
                .state(state)
                .backendState(s.state() == null ? "unknown" : s.state())
                .dashboardUrl(blankToNull(app.get("sparkUiUrl")))
                .attribute("name", s.name())
                .attribute("kind", s.kind())
                .attribute("appId", s.appId())
                .attribute("owner", s.owner())
                .attribute("proxyUser", s.proxyUser())
                .attribute("driverLogUrl", blankToNull(app.get("driverLogUrl")))
                .build();
    }

    /** Maps a statement object. */
    public RemoteStatement statement(LivyDto.Statement st) {
        StatementState state = LivyStates.statement(st.state());
        LivyDto.Output out = st.output();
        if (state == StatementState.AVAILABLE && out == null) {
            state = StatementState.RUNNING;
        }
        RemoteStatement.Builder b = RemoteStatement.builder()
                .id(require(st.id(), "statement id"))
                .state(state)
                .backendState(st.state() == null ? "unknown" : st.state())
                .code(st.code())
                .progress(progress(st.progress()))
                .startedAt(instant(st.started()))
                .completedAt(instant(st.completed()));
        if (out != null) {
            b.executionCount(out.executionCount());
            if (out.data() != null) {
                out.data().text().forEach(b::output);
                b.jsonOutput(out.data().json());
            }
            StatementError error = error(out);
            if (error != null) {
                b.error(error);
            }
        }
        return b.build();
    }

    private @Nullable StatementError error(LivyDto.Output out) {
        String status = out.status() == null ? "" : out.status().toLowerCase(Locale.ROOT);
        boolean failed = status.equals("error") || (!status.equals("ok") && out.ename() != null);
        if (!failed) {
            return null;
        }
        String name = out.ename() == null || out.ename().isBlank() ? "Error" : out.ename();
        List<String> traceback = traceback(out.traceback());
        String value = out.evalue() == null ? "" : out.evalue();
        return StatementError.of(name, compileError(value, traceback), traceback);
    }

    /**
     * Livy's Scala REPL splits a compile error after its first line: {@code evalue} is
     * {@code <console>:27: error: type mismatch;} and the traceback holds {@code found : ...}, {@code required: ...},
     * the code and the caret line. Those lines are the point of the message, so the value gets them back (up to the
     * caret line, at most {@value #COMPILE_ERROR_LINES} lines); the traceback stays as Livy sent it.
     */
    static String compileError(String value, List<String> traceback) {
        if (!COMPILE_ERROR.matcher(value).find() || traceback.isEmpty()) {
            return value;
        }
        StringBuilder b = new StringBuilder(value.strip());
        int kept = 1;
        for (String line : traceback) {
            String l = line.stripTrailing();
            if (kept >= COMPILE_ERROR_LINES || COMPILE_ERROR.matcher(l).find()) {
                break;
            }
            b.append('\n').append(l);
            kept++;
            if (l.strip().equals("^")) {
                break;
            }
        }
        return b.toString();
    }

    /** Lines of a Scala compile error kept in the error value: {@value}. */
    static final int COMPILE_ERROR_LINES = 6;

    private static final java.util.regex.Pattern COMPILE_ERROR =
            java.util.regex.Pattern.compile("^<[\\w-]+>:\\d+: error: ");

    private static List<String> traceback(@Nullable JsonNode node) {
        List<String> lines = new ArrayList<>();
        if (node == null || node.isNull()) {
            return lines;
        }
        if (node.isArray()) {
            node.forEach(n -> lines.add(n.asText()));
        } else {
            lines.add(node.asText());
        }
        return lines;
    }

    private static @Nullable Double progress(@Nullable Double p) {
        if (p == null || p.isNaN()) {
            return null;
        }
        return Math.max(0.0, Math.min(1.0, p));
    }

    private static @Nullable Instant instant(@Nullable Long epochMillis) {
        return epochMillis == null || epochMillis <= 0 ? null : Instant.ofEpochMilli(epochMillis);
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String require(@Nullable String v, String what) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("the answer has no " + what);
        }
        return v;
    }
}
