package clay.memory.crypto;

import clay.core.ClayException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for one column value: a fresh 96-bit nonce per value, stored in front of the ciphertext and tag. The
 * column name is bound in as associated data, so a value copied into another column does not decrypt.
 */
public final class FieldCipher {
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private final MemoryKey key;
    private final SecureRandom random = new SecureRandom();

    public FieldCipher(MemoryKey key) {
        this.key = key;
    }

    public byte[] encrypt(String column, byte[] plain) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(column.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plain);
            return ByteBuffer.allocate(NONCE + ct.length).put(nonce).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /** @throws ClayException when the key is wrong or the value was tampered with */
    public byte[] decrypt(String column, byte[] sealed) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
            c.updateAAD(column.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(sealed, NONCE, sealed.length - NONCE);
        } catch (AEADBadTagException e) {
            throw new ClayException("memory cannot be decrypted: wrong key or passphrase, or the data was changed",
                    "use the passphrase the memory was created with, or restore the keyring file state/memory/memory.key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    public byte[] encryptString(String column, String plain) {
        return encrypt(column, plain.getBytes(StandardCharsets.UTF_8));
    }

    public String decryptString(String column, byte[] sealed) {
        return new String(decrypt(column, sealed), StandardCharsets.UTF_8);
    }

    public byte[] encryptVector(String column, float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4);
        for (float f : v) b.putFloat(f);
        return encrypt(column, b.array());
    }

    public float[] decryptVector(String column, byte[] sealed) {
        ByteBuffer b = ByteBuffer.wrap(decrypt(column, sealed));
        float[] v = new float[b.remaining() / 4];
        for (int i = 0; i < v.length; i++) v[i] = b.getFloat();
        return v;
    }
}
