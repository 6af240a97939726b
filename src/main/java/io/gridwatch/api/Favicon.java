package io.gridwatch.api;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.imageio.ImageIO;

/**
 * {@code /favicon.ico} for the browsers and tools that ask for it whatever the page declares: the dashboard's
 * battery-and-bolt icon (favicon.svg) drawn at 32×32 and wrapped as an ICO holding one PNG. Made once; headless.
 */
final class Favicon {
    static final byte[] ICO = ico(png(32));

    private Favicon() {
    }

    private static byte[] png(int size) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double k = size / 24.0;
        g.scale(k, k);
        Color green = new Color(0x2f8f5b);
        g.setColor(green);
        g.setStroke(new BasicStroke(2f));
        g.draw(new RoundRectangle2D.Double(3, 6, 16, 12, 4, 4));
        g.fill(new RoundRectangle2D.Double(19, 10, 2.5, 4, 2, 2));
        Path2D bolt = new Path2D.Double();
        bolt.moveTo(12, 7.5);
        bolt.lineTo(8.5, 12.5);
        bolt.lineTo(11.5, 12.5);
        bolt.lineTo(10.5, 16.5);
        bolt.lineTo(14.5, 11);
        bolt.lineTo(11.5, 11);
        bolt.closePath();
        g.setColor(new Color(0xe3a21a));
        g.fill(bolt);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An ICO file with one PNG image (ICONDIR, one ICONDIRENTRY, the PNG). */
    private static byte[] ico(byte[] png) {
        ByteBuffer b = ByteBuffer.allocate(6 + 16 + png.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) 1);
        b.put((byte) 32).put((byte) 32).put((byte) 0).put((byte) 0);
        b.putShort((short) 1).putShort((short) 32).putInt(png.length).putInt(6 + 16);
        b.put(png);
        return b.array();
    }
}
