package io.gridwatch.history;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A line chart as a PNG, for reports that must read without JavaScript (email, a saved file): the average as a
 * line, the min-max band shaded, a light grid. No text is drawn (a server may have no fonts); the report puts
 * the scale and times beside the image. Stateless.
 */
public final class ChartImage {
    private ChartImage() {
    }

    /** Renders {@code points} over [from, to) (ms) between {@code low} and {@code high}. */
    public static byte[] png(List<HistoryStore.Point> points, long from, long to, double low, double high, int width,
                             int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(0xDD, 0xE2, 0xE8));
            for (int i = 0; i <= 4; i++) {
                int y = (int) Math.round((height - 1) * i / 4.0);
                g.drawLine(0, y, width, y);
            }
            for (int i = 0; i <= 6; i++) {
                int x = (int) Math.round((width - 1) * i / 6.0);
                g.drawLine(x, 0, x, height);
            }
            if (points.isEmpty() || high <= low) {
                return encode(img);
            }
            double sx = (width - 1) / (double) Math.max(1, to - from);
            double sy = (height - 1) / (high - low);
            Path2D band = new Path2D.Double();
            Path2D line = new Path2D.Double();
            for (int i = 0; i < points.size(); i++) {
                HistoryStore.Point p = points.get(i);
                double x = (p.ts() - from) * sx;
                if (i == 0) {
                    band.moveTo(x, height - 1 - (p.max() - low) * sy);
                    line.moveTo(x, height - 1 - (p.avg() - low) * sy);
                } else {
                    band.lineTo(x, height - 1 - (p.max() - low) * sy);
                    line.lineTo(x, height - 1 - (p.avg() - low) * sy);
                }
            }
            for (int i = points.size() - 1; i >= 0; i--) {
                HistoryStore.Point p = points.get(i);
                band.lineTo((p.ts() - from) * sx, height - 1 - (p.min() - low) * sy);
            }
            band.closePath();
            g.setColor(new Color(0x2f, 0x8f, 0x5b, 60));
            g.fill(band);
            g.setColor(new Color(0x2f, 0x8f, 0x5b));
            g.setStroke(new BasicStroke(2f));
            g.draw(line);
            return encode(img);
        } finally {
            g.dispose();
        }
    }

    private static byte[] encode(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
