.class public Ljavax/mail/Message$RecipientType;
.super Ljava/lang/Object;
.source "Message.java"

.field public static final TO:Ljavax/mail/Message$RecipientType;

.field protected type:Ljava/lang/String;

.method static constructor <clinit>()V
    .registers 2
    new-instance v0, Ljavax/mail/Message$RecipientType;
    const-string v1, "To"
    invoke-direct {v0, v1}, Ljavax/mail/Message$RecipientType;-><init>(Ljava/lang/String;)V
    sput-object v0, Ljavax/mail/Message$RecipientType;->TO:Ljavax/mail/Message$RecipientType;
    return-void
.end method

.method protected constructor <init>(Ljava/lang/String;)V
    .registers 2
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Ljavax/mail/Message$RecipientType;->type:Ljava/lang/String;
    return-void
.end method
