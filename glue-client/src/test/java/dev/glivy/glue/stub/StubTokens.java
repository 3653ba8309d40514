package dev.glivy.glue.stub;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Opaque {@code NextToken}s, as Glue's are: a cursor sealed (AES-GCM, a key per stub) together with the listing it
 * belongs to, so a client can neither read, guess nor reuse one for another listing. A bad token is Glue's
 * {@code InvalidInputException}. Thread-safe.
 */
final class StubTokens {
    private static final int IV = 12;
    private final SecureRandom random = new SecureRandom();
    private final SecretKey key;

    StubTokens() {
        try {
            KeyGenerator g = KeyGenerator.getInstance("AES");
            g.init(128);
            key = g.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token for {@code cursor} in the listing {@code scope}. */
    String issue(String scope, long cursor) {
        byte[] iv = new byte[IV];
        random.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            c.updateAAD(scope.getBytes(StandardCharsets.UTF_8));
            byte[] sealed =
                    c.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(cursor).array());
            byte[] out = Arrays.copyOf(iv, IV + sealed.length);
            System.arraycopy(sealed, 0, out, IV, sealed.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cursor of {@code token}, which must have been issued for {@code scope}. */
    long redeem(String scope, String token) {
        try {
            byte[] in = Base64.getUrlDecoder().decode(token);
            if (in.length <= IV) {
                throw new IllegalArgumentException("short");
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, IV));
            c.updateAAD(scope.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(c.doFinal(in, IV, in.length - IV)).getLong();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new StubError(400, "InvalidInputException", "Invalid NextToken");
        }
    }
}
