.class public abstract Ljavax/mail/Transport;
.super Ljava/lang/Object;
.source "Transport.java"

# Stand-in for JavaMail's Transport: send() opens an SMTP connection to the session's
# mail.smtp.host (SSL) and writes the message to it. No protocol dialogue: the point is the
# platform socket write at the bottom.

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static send(Ljavax/mail/Message;)V
    .registers 5
    invoke-virtual {p0}, Ljavax/mail/Message;->getSession()Ljavax/mail/Session;
    move-result-object v0
    const-string v1, "mail.smtp.host"
    invoke-virtual {v0, v1}, Ljavax/mail/Session;->getProperty(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v0
    invoke-static {}, Ljavax/net/ssl/SSLSocketFactory;->getDefault()Ljavax/net/SocketFactory;
    move-result-object v1
    const/16 v2, 0x1d1
    invoke-virtual {v1, v0, v2}, Ljavax/net/SocketFactory;->createSocket(Ljava/lang/String;I)Ljava/net/Socket;
    move-result-object v1
    check-cast v1, Ljavax/net/ssl/SSLSocket;
    invoke-virtual {v1}, Ljavax/net/ssl/SSLSocket;->getOutputStream()Ljava/io/OutputStream;
    move-result-object v3
    invoke-virtual {p0, v3}, Ljavax/mail/Message;->writeTo(Ljava/io/OutputStream;)V
    invoke-virtual {v1}, Ljavax/net/ssl/SSLSocket;->close()V
    return-void
.end method
