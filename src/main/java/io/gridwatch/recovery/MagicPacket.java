package io.gridwatch.recovery;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Wake-on-LAN magic packet: six 0xFF bytes, then the target's MAC address sixteen times (102 bytes). MAC
 * addresses are accepted with colons, dashes or nothing between the bytes. Stateless.
 */
public final class MagicPacket {
    private static final Pattern MAC = Pattern.compile("([0-9a-fA-F]{2}[:-]?){5}[0-9a-fA-F]{2}");

    private MagicPacket() {
    }

    public static boolean isMac(String text) {
        return text != null && MAC.matcher(text.trim()).matches();
    }

    /** The six bytes of a MAC address; throws IllegalArgumentException with the expected form. */
    public static byte[] mac(String text) {
        if (!isMac(text)) {
            throw new IllegalArgumentException("'" + text + "' is not a MAC address like 00:11:22:33:44:55");
        }
        String hex = text.trim().replace(":", "").replace("-", "").toLowerCase(Locale.ROOT);
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    public static byte[] build(String mac) {
        byte[] m = mac(mac);
        byte[] packet = new byte[6 + 16 * 6];
        for (int i = 0; i < 6; i++) {
            packet[i] = (byte) 0xFF;
        }
        for (int r = 0; r < 16; r++) {
            System.arraycopy(m, 0, packet, 6 + r * 6, 6);
        }
        return packet;
    }
}
