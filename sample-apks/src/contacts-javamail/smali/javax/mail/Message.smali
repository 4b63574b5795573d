.class public abstract Ljavax/mail/Message;
.super Ljava/lang/Object;
.source "Message.java"

# Stand-in for JavaMail's Message: a message of a session, written out by its subclass.

.field protected session:Ljavax/mail/Session;

.method protected constructor <init>(Ljavax/mail/Session;)V
    .registers 2
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Ljavax/mail/Message;->session:Ljavax/mail/Session;
    return-void
.end method

.method public getSession()Ljavax/mail/Session;
    .registers 2
    iget-object v0, p0, Ljavax/mail/Message;->session:Ljavax/mail/Session;
    return-object v0
.end method

.method public abstract setRecipients(Ljavax/mail/Message$RecipientType;Ljava/lang/String;)V
.end method

.method public abstract setSubject(Ljava/lang/String;)V
.end method

.method public abstract setText(Ljava/lang/String;)V
.end method

.method public abstract writeTo(Ljava/io/OutputStream;)V
.end method
