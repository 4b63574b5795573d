.class public Lorg/dexflow/sample/javamailclean/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .registers 3
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-direct {p0}, Lorg/dexflow/sample/javamailclean/MainActivity;->collect()Ljava/lang/String;
    move-result-object v0
    invoke-static {v0}, Lorg/dexflow/sample/javamailclean/MainActivity;->mail(Ljava/lang/String;)V
    return-void
.end method

# Same shape as the flow sample, but the JSON holds only the app version: no personal data.
.method private collect()Ljava/lang/String;
    .registers 2
    const-string v0, "{\"version\":\"1.0\"}"
    return-object v0
.end method

# Mails the JSON with JavaMail: Session(mail.smtp.host) -> MimeMessage -> Transport.send.
.method private static mail(Ljava/lang/String;)V
    .registers 5
    new-instance v0, Ljava/util/Properties;
    invoke-direct {v0}, Ljava/util/Properties;-><init>()V
    const-string v1, "mail.smtp.host"
    const-string v2, "smtp.example.org"
    invoke-virtual {v0, v1, v2}, Ljava/util/Properties;->put(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;
    invoke-static {v0}, Ljavax/mail/Session;->getInstance(Ljava/util/Properties;)Ljavax/mail/Session;
    move-result-object v0
    new-instance v1, Ljavax/mail/internet/MimeMessage;
    invoke-direct {v1, v0}, Ljavax/mail/internet/MimeMessage;-><init>(Ljavax/mail/Session;)V
    sget-object v2, Ljavax/mail/Message$RecipientType;->TO:Ljavax/mail/Message$RecipientType;
    const-string v3, "drop@example.org"
    invoke-virtual {v1, v2, v3}, Ljavax/mail/internet/MimeMessage;->setRecipients(Ljavax/mail/Message$RecipientType;Ljava/lang/String;)V
    const-string v2, "contacts"
    invoke-virtual {v1, v2}, Ljavax/mail/internet/MimeMessage;->setSubject(Ljava/lang/String;)V
    invoke-virtual {v1, p0}, Ljavax/mail/internet/MimeMessage;->setText(Ljava/lang/String;)V
    invoke-static {v1}, Ljavax/mail/Transport;->send(Ljavax/mail/Message;)V
    return-void
.end method
