.class public Lio/socket/engineio/client/Socket;
.super Lio/socket/emitter/Emitter;
.source "Socket.java"

# Stand-in for engine.io-client-java's Socket: open() connects a TCP socket to the URI's host
# (the real client speaks WebSocket over OkHttp; the write at the bottom is the same);
# write() sends one engine.io MESSAGE frame ("4" + packet).

.field private final uri:Ljava/lang/String;
.field private out:Ljava/io/OutputStream;

.method public constructor <init>(Ljava/lang/String;)V
    .registers 2
    invoke-direct {p0}, Lio/socket/emitter/Emitter;-><init>()V
    iput-object p1, p0, Lio/socket/engineio/client/Socket;->uri:Ljava/lang/String;
    return-void
.end method

.method public open()Lio/socket/engineio/client/Socket;
    .registers 4
    iget-object v0, p0, Lio/socket/engineio/client/Socket;->uri:Ljava/lang/String;
    invoke-static {v0}, Ljava/net/URI;->create(Ljava/lang/String;)Ljava/net/URI;
    move-result-object v0
    new-instance v1, Ljava/net/Socket;
    invoke-virtual {v0}, Ljava/net/URI;->getHost()Ljava/lang/String;
    move-result-object v0
    const/16 v2, 0x1bb
    invoke-direct {v1, v0, v2}, Ljava/net/Socket;-><init>(Ljava/lang/String;I)V
    invoke-virtual {v1}, Ljava/net/Socket;->getOutputStream()Ljava/io/OutputStream;
    move-result-object v0
    iput-object v0, p0, Lio/socket/engineio/client/Socket;->out:Ljava/io/OutputStream;
    return-object p0
.end method

.method public write(Ljava/lang/String;)V
    .registers 4
    new-instance v0, Ljava/lang/StringBuilder;
    const-string v1, "4"
    invoke-direct {v0, v1}, Ljava/lang/StringBuilder;-><init>(Ljava/lang/String;)V
    invoke-virtual {v0, p1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "UTF-8"
    invoke-virtual {v0, v1}, Ljava/lang/String;->getBytes(Ljava/lang/String;)[B
    move-result-object v0
    iget-object v1, p0, Lio/socket/engineio/client/Socket;->out:Ljava/io/OutputStream;
    invoke-virtual {v1, v0}, Ljava/io/OutputStream;->write([B)V
    return-void
.end method
