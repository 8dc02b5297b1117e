package fr.caf38.cdap.testinfra;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import org.eclipse.angus.mail.util.MailStreamProvider;

import java.util.List;

/**
 * GreenMail: SMTP accepting any recipient, and IMAP where each recipient's mailbox is readable with
 * login and password equal to the address. Its ports are chosen once and kept across
 * {@link #stop()} / {@link #start()}, so a test can take SMTP down and bring it back where the
 * application expects it.
 */
public final class MailServer implements AutoCloseable {
    static {
        // GreenMail parses every message it receives with Jakarta Mail, which looks its StreamProvider up
        // through a ServiceLoader scan of the class path on every body part (jakartaee/mail-api#861): two
        // thirds of the mail server's CPU under load. Naming the provider makes it a Class.forName.
        if (System.getProperty(StreamProvider.class.getName()) == null) {
            System.setProperty(StreamProvider.class.getName(), MailStreamProvider.class.getName());
        }
    }

    private final int smtpPort;
    private final int imapPort;
    private GreenMail greenMail;
    /** The SMTP server that replaced GreenMail's own after {@link #stopSmtp()} / {@link #startSmtp()}. */
    private SmtpServer restartedSmtp;

    MailServer() {
        this(FreePorts.next(), FreePorts.next());
    }

    /** A mail server on the given ports, e.g. the local stack's fixed ones. */
    public MailServer(int smtpPort, int imapPort) {
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        start();
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    public synchronized void start() {
        if (greenMail != null) {
            return;
        }
        var servers = new ServerSetup[] {
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)};
        greenMail = new GreenMail(servers);
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
    }

    /** Takes SMTP down only: IMAP and the mailboxes stay, so what was received can still be read. */
    public synchronized void stopSmtp() {
        if (restartedSmtp != null) {
            restartedSmtp.stopService();
            restartedSmtp = null;
        } else if (greenMail != null && greenMail.getSmtp() != null && greenMail.getSmtp().isRunning()) {
            greenMail.getSmtp().stopService();
        }
    }

    /** Brings SMTP back on its port after {@link #stopSmtp()}, delivering into the same mailboxes. */
    public synchronized void startSmtp() {
        if (greenMail == null || restartedSmtp != null || greenMail.getSmtp().isRunning()) {
            return;
        }
        restartedSmtp = new SmtpServer(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                greenMail.getManagers());
        restartedSmtp.startService();
        try {
            restartedSmtp.waitTillRunning(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes SMTP and IMAP down; messages received so far are dropped. */
    public synchronized void stop() {
        if (restartedSmtp != null) {
            restartedSmtp.stopService();
            restartedSmtp = null;
        }
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    public synchronized boolean isRunning() {
        return greenMail != null;
    }

    /** Every message received since the server (re)started. */
    public synchronized List<MimeMessage> received() {
        return greenMail == null ? List.of() : List.of(greenMail.getReceivedMessages());
    }

    /** Messages received for one recipient. */
    public synchronized List<MimeMessage> receivedFor(String address) {
        return greenMail == null ? List.of() : List.of(greenMail.getReceivedMessagesForDomain(address));
    }

    public synchronized void purge() {
        if (greenMail != null) {
            try {
                greenMail.purgeEmailFromAllMailboxes();
            } catch (Exception e) {
                throw new IllegalStateException("could not purge the mailboxes", e);
            }
        }
    }

    /**
     * Keeps only the {@code max} most recently received messages, in all mailboxes together, and
     * removes the mailboxes (and users) left empty; returns how many messages were removed. GreenMail
     * keeps everything in memory, so a server that runs for hours under load calls this regularly.
     */
    public synchronized int keepMostRecent(int max) {
        if (greenMail == null) {
            return 0;
        }
        var managers = greenMail.getManagers();
        var imap = managers.getImapHostManager();
        if (imap.getAllMessages().size() <= max) {
            return 0;
        }
        record Held(com.icegreen.greenmail.user.GreenMailUser user, com.icegreen.greenmail.store.MailFolder folder,
                    com.icegreen.greenmail.store.StoredMessage message) {
        }
        List<Held> all = new java.util.ArrayList<>();
        for (var user : List.copyOf(managers.getUserManager().listUser())) {
            try {
                var inbox = imap.getInbox(user);
                inbox.getMessages().forEach(message -> all.add(new Held(user, inbox, message)));
            } catch (com.icegreen.greenmail.store.FolderException e) {
                // A mailbox being created or removed meanwhile: looked at again next time.
            }
        }
        all.sort(java.util.Comparator.comparing((Held held) -> held.message().getReceivedDate())
                .thenComparingLong(held -> held.message().getUid()));
        int excess = Math.max(0, all.size() - max);
        java.util.Set<com.icegreen.greenmail.store.MailFolder> touched = new java.util.HashSet<>();
        for (Held held : all.subList(0, excess)) {
            held.message().setFlag(jakarta.mail.Flags.Flag.DELETED, true);
            touched.add(held.folder());
        }
        for (var folder : touched) {
            try {
                folder.expunge();
            } catch (com.icegreen.greenmail.store.FolderException e) {
                throw new IllegalStateException("could not remove old messages", e);
            }
        }
        all.subList(0, excess).stream().map(Held::user).distinct().forEach(user -> {
            try {
                if (imap.getInbox(user).getMessageCount() == 0) {
                    // Removes the user's mailboxes too.
                    managers.getUserManager().deleteUser(user);
                }
            } catch (com.icegreen.greenmail.store.FolderException e) {
                // Left for next time.
            }
        });
        return excess;
    }

    @Override
    public void close() {
        stop();
    }
}
