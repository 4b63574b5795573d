.class public Ljavax/mail/internet/MimeMessage;
.super Ljavax/mail/Message;
.source "MimeMessage.java"

# Stand-in for JavaMail's MimeMessage: headers and a text body, written out as RFC 822.

.field private recipients:Ljava/lang/String;
.field private subject:Ljava/lang/String;
.field private text:Ljava/lang/String;

.method public constructor <init>(Ljavax/mail/Session;)V
    .registers 2
    invoke-direct {p0, p1}, Ljavax/mail/Message;-><init>(Ljavax/mail/Session;)V
    return-void
.end method

.method public setRecipients(Ljavax/mail/Message$RecipientType;Ljava/lang/String;)V
    .registers 3
    iput-object p2, p0, Ljavax/mail/internet/MimeMessage;->recipients:Ljava/lang/String;
    return-void
.end method

.method public setSubject(Ljava/lang/String;)V
    .registers 2
    iput-object p1, p0, Ljavax/mail/internet/MimeMessage;->subject:Ljava/lang/String;
    return-void
.end method

.method public setText(Ljava/lang/String;)V
    .registers 2
    iput-object p1, p0, Ljavax/mail/internet/MimeMessage;->text:Ljava/lang/String;
    return-void
.end method

.method public writeTo(Ljava/io/OutputStream;)V
    .registers 4
    new-instance v0, Ljava/lang/StringBuilder;
    invoke-direct {v0}, Ljava/lang/StringBuilder;-><init>()V
    const-string v1, "To: "
    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    iget-object v1, p0, Ljavax/mail/internet/MimeMessage;->recipients:Ljava/lang/String;
    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    const-string v1, "\r\nSubject: "
    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    iget-object v1, p0, Ljavax/mail/internet/MimeMessage;->subject:Ljava/lang/String;
    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    const-string v1, "\r\n\r\n"
    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    iget-object v1, p0, Ljavax/mail/internet/MimeMessage;->text:Ljava/lang/String;
    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v0
    invoke-virtual {v0}, Ljava/lang/String;->getBytes()[B
    move-result-object v0
    invoke-virtual {p1, v0}, Ljava/io/OutputStream;->write([B)V
    return-void
.end method
