.class public final Ljavax/mail/Session;
.super Ljava/lang/Object;
.source "Session.java"

# Stand-in for JavaMail's Session: the mail properties (mail.smtp.host, ...).

.field private final props:Ljava/util/Properties;

.method private constructor <init>(Ljava/util/Properties;)V
    .registers 2
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Ljavax/mail/Session;->props:Ljava/util/Properties;
    return-void
.end method

.method public static getInstance(Ljava/util/Properties;)Ljavax/mail/Session;
    .registers 2
    new-instance v0, Ljavax/mail/Session;
    invoke-direct {v0, p0}, Ljavax/mail/Session;-><init>(Ljava/util/Properties;)V
    return-object v0
.end method

.method public getProperty(Ljava/lang/String;)Ljava/lang/String;
    .registers 3
    iget-object v0, p0, Ljavax/mail/Session;->props:Ljava/util/Properties;
    invoke-virtual {v0, p1}, Ljava/util/Properties;->getProperty(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method
