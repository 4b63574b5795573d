.class public Lio/socket/client/Socket;
.super Lio/socket/emitter/Emitter;
.source "Socket.java"

# Stand-in for socket.io-client-java's Socket: emit() encodes [event, args...] as a socket.io
# EVENT packet ("42" + JSON array) and hands it to the manager's engine.io connection.

.field private final io:Lio/socket/client/Manager;
.field private final nsp:Ljava/lang/String;

.method public constructor <init>(Lio/socket/client/Manager;Ljava/lang/String;)V
    .registers 3
    invoke-direct {p0}, Lio/socket/emitter/Emitter;-><init>()V
    iput-object p1, p0, Lio/socket/client/Socket;->io:Lio/socket/client/Manager;
    iput-object p2, p0, Lio/socket/client/Socket;->nsp:Ljava/lang/String;
    return-void
.end method

.method public connect()Lio/socket/client/Socket;
    .registers 2
    iget-object v0, p0, Lio/socket/client/Socket;->io:Lio/socket/client/Manager;
    invoke-virtual {v0}, Lio/socket/client/Manager;->open()Lio/socket/client/Manager;
    return-object p0
.end method

.method public varargs emit(Ljava/lang/String;[Ljava/lang/Object;)Lio/socket/emitter/Emitter;
    .registers 7
    new-instance v0, Lorg/json/JSONArray;
    invoke-direct {v0}, Lorg/json/JSONArray;-><init>()V
    invoke-virtual {v0, p1}, Lorg/json/JSONArray;->put(Ljava/lang/Object;)Lorg/json/JSONArray;
    array-length v1, p2
    const/4 v2, 0x0
    :loop
    if-ge v2, v1, :done
    aget-object v3, p2, v2
    invoke-virtual {v0, v3}, Lorg/json/JSONArray;->put(Ljava/lang/Object;)Lorg/json/JSONArray;
    add-int/lit8 v2, v2, 0x1
    goto :loop
    :done
    new-instance v1, Ljava/lang/StringBuilder;
    const-string v2, "42"
    invoke-direct {v1, v2}, Ljava/lang/StringBuilder;-><init>(Ljava/lang/String;)V
    invoke-virtual {v0}, Lorg/json/JSONArray;->toString()Ljava/lang/String;
    move-result-object v0
    invoke-virtual {v1, v0}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    invoke-virtual {v1}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v0
    iget-object v1, p0, Lio/socket/client/Socket;->io:Lio/socket/client/Manager;
    invoke-virtual {v1, v0}, Lio/socket/client/Manager;->packet(Ljava/lang/String;)V
    return-object p0
.end method
