.class public Lio/socket/client/Manager;
.super Lio/socket/emitter/Emitter;
.source "Manager.java"

# Stand-in for socket.io-client-java's Manager: owns the engine.io connection.

.field private final uri:Ljava/lang/String;
.field private engine:Lio/socket/engineio/client/Socket;

.method public constructor <init>(Ljava/lang/String;)V
    .registers 2
    invoke-direct {p0}, Lio/socket/emitter/Emitter;-><init>()V
    iput-object p1, p0, Lio/socket/client/Manager;->uri:Ljava/lang/String;
    return-void
.end method

.method public open()Lio/socket/client/Manager;
    .registers 3
    new-instance v0, Lio/socket/engineio/client/Socket;
    iget-object v1, p0, Lio/socket/client/Manager;->uri:Ljava/lang/String;
    invoke-direct {v0, v1}, Lio/socket/engineio/client/Socket;-><init>(Ljava/lang/String;)V
    invoke-virtual {v0}, Lio/socket/engineio/client/Socket;->open()Lio/socket/engineio/client/Socket;
    iput-object v0, p0, Lio/socket/client/Manager;->engine:Lio/socket/engineio/client/Socket;
    return-object p0
.end method

.method packet(Ljava/lang/String;)V
    .registers 3
    iget-object v0, p0, Lio/socket/client/Manager;->engine:Lio/socket/engineio/client/Socket;
    invoke-virtual {v0, p1}, Lio/socket/engineio/client/Socket;->write(Ljava/lang/String;)V
    return-void
.end method
