.class public Lio/socket/client/IO;
.super Ljava/lang/Object;
.source "IO.java"

# Stand-in for socket.io-client-java's IO: a Manager for the URI and its root namespace.

.method public static socket(Ljava/lang/String;)Lio/socket/client/Socket;
    .registers 4
    new-instance v0, Lio/socket/client/Manager;
    invoke-direct {v0, p0}, Lio/socket/client/Manager;-><init>(Ljava/lang/String;)V
    new-instance v1, Lio/socket/client/Socket;
    const-string v2, "/"
    invoke-direct {v1, v0, v2}, Lio/socket/client/Socket;-><init>(Lio/socket/client/Manager;Ljava/lang/String;)V
    return-object v1
.end method
