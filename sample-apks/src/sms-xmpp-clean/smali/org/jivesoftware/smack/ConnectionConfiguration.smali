.class public Lorg/jivesoftware/smack/ConnectionConfiguration;
.super Ljava/lang/Object;
.source "ConnectionConfiguration.java"

# Stand-in for Smack 3's ConnectionConfiguration: the server's host and port.

.field private final host:Ljava/lang/String;
.field private final port:I

.method public constructor <init>(Ljava/lang/String;I)V
    .registers 3
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lorg/jivesoftware/smack/ConnectionConfiguration;->host:Ljava/lang/String;
    iput p2, p0, Lorg/jivesoftware/smack/ConnectionConfiguration;->port:I
    return-void
.end method

.method public getHost()Ljava/lang/String;
    .registers 2
    iget-object v0, p0, Lorg/jivesoftware/smack/ConnectionConfiguration;->host:Ljava/lang/String;
    return-object v0
.end method

.method public getPort()I
    .registers 2
    iget v0, p0, Lorg/jivesoftware/smack/ConnectionConfiguration;->port:I
    return v0
.end method
