package io.gridwatch.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Email over SMTP with Angus Mail. TLS as the seed had it, spelled out: {@code auto} is implicit TLS on port 465,
 * plain on port 26, STARTTLS elsewhere (required when logging in, so a password never crosses in clear;
 * opportunistic otherwise); {@code starttls} always requires it; {@code ssl} is implicit TLS; {@code none} never
 * encrypts. Reports go out as HTML with their charts as inline parts ({@code cid:}), which mail programs show,
 * unlike {@code data:} images; every message also has a plain-text part.
 */
public final class EmailChannel implements Channel {
    private static final Pattern DATA_IMAGE = Pattern.compile("src=\"data:(image/png);base64,([A-Za-z0-9+/=]+)\"");

    private final ChannelSpec.Email spec;
    private final Session session;

    public EmailChannel(ChannelSpec.Email spec) {
        this.spec = spec;
        this.session = Session.getInstance(properties(spec));
    }

    static Properties properties(ChannelSpec.Email spec) {
        Properties p = new Properties();
        String timeout = String.valueOf(spec.timeout().toMillis());
        ChannelSpec.MailTls tls = spec.effectiveTls();
        String proto = tls == ChannelSpec.MailTls.SSL ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        String k = "mail." + proto + ".";
        p.put(k + "host", spec.host());
        p.put(k + "port", String.valueOf(spec.port()));
        p.put(k + "connectiontimeout", timeout);
        p.put(k + "timeout", timeout);
        p.put(k + "writetimeout", timeout);
        p.put(k + "auth", String.valueOf(spec.user() != null));
        if (tls == ChannelSpec.MailTls.STARTTLS) {
            p.put(k + "starttls.enable", "true");
            p.put(k + "starttls.required", String.valueOf(spec.tls() == ChannelSpec.MailTls.STARTTLS
                    || spec.user() != null));
        }
        if (spec.verifyTls()) {
            p.put(k + "ssl.checkserveridentity", "true");
        } else {
            p.put(k + "ssl.trust", "*");
            p.put(k + "ssl.checkserveridentity", "false");
        }
        return p;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public void send(Outbox.Item item) throws MessagingException, UnsupportedEncodingException {
        MimeMessage m = message(item);
        String proto = spec.effectiveTls() == ChannelSpec.MailTls.SSL ? "smtps" : "smtp";
        try (Transport t = session.getTransport(proto)) {
            t.connect(spec.host(), spec.port(), spec.user(), spec.password());
            t.sendMessage(m, m.getAllRecipients());
        }
    }

    MimeMessage message(Outbox.Item item) throws MessagingException, UnsupportedEncodingException {
        Notification n = item.message();
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(spec.from(), spec.fromName(), StandardCharsets.UTF_8.name()));
        for (String to : spec.to()) {
            m.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
        }
        String prefix = spec.subjectPrefix() == null || spec.subjectPrefix().isBlank() ? "" : spec.subjectPrefix() + " ";
        m.setSubject(prefix + n.title(), StandardCharsets.UTF_8.name());
        m.setSentDate(Date.from(item.created()));
        // the same id on every retry: a receiving system can tell a repeat
        m.setHeader("X-Gridwatch-Notification", item.id());
        m.setHeader("X-Gridwatch-Type", n.type().key());
        if (n.html() == null) {
            m.setText(n.message(), StandardCharsets.UTF_8.name());
        } else {
            m.setContent(alternative(n));
        }
        m.saveChanges();
        return m;
    }

    /** Plain text plus HTML whose data: images became related inline parts. */
    private static MimeMultipart alternative(Notification n) throws MessagingException {
        MimeMultipart alt = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(n.message(), StandardCharsets.UTF_8.name());
        alt.addBodyPart(text);
        List<MimeBodyPart> images = new ArrayList<>();
        Matcher mt = DATA_IMAGE.matcher(n.html());
        StringBuilder html = new StringBuilder();
        while (mt.find()) {
            String cid = "chart" + images.size() + "@gridwatch";
            MimeBodyPart img = new MimeBodyPart();
            img.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(
                    Base64.getDecoder().decode(mt.group(2)), mt.group(1))));
            img.setContentID("<" + cid + ">");
            img.setDisposition(MimeBodyPart.INLINE);
            img.setFileName("chart" + images.size() + ".png");
            images.add(img);
            mt.appendReplacement(html, Matcher.quoteReplacement("src=\"cid:" + cid + "\""));
        }
        mt.appendTail(html);
        MimeMultipart related = new MimeMultipart("related");
        MimeBodyPart page = new MimeBodyPart();
        page.setText(html.toString(), StandardCharsets.UTF_8.name(), "html");
        related.addBodyPart(page);
        for (MimeBodyPart i : images) {
            related.addBodyPart(i);
        }
        MimeBodyPart wrapper = new MimeBodyPart();
        wrapper.setContent(related);
        alt.addBodyPart(wrapper);
        return alt;
    }

    @Override
    public String toString() { // never the password
        return spec.toString();
    }
}
