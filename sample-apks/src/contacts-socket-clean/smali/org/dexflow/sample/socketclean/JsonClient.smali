.class public Lorg/dexflow/sample/socketclean/JsonClient;
.super Ljava/lang/Object;
.source "JsonClient.java"

# The app's own line-delimited JSON client over a plain TCP socket: no library, no model.

.field private final host:Ljava/lang/String;
.field private final port:I
.field private socket:Ljava/net/Socket;
.field private out:Ljava/io/BufferedWriter;

.method public constructor <init>(Ljava/lang/String;I)V
    .registers 3
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lorg/dexflow/sample/socketclean/JsonClient;->host:Ljava/lang/String;
    iput p2, p0, Lorg/dexflow/sample/socketclean/JsonClient;->port:I
    return-void
.end method

.method public connect()V
    .registers 5
    new-instance v0, Ljava/net/Socket;
    iget-object v1, p0, Lorg/dexflow/sample/socketclean/JsonClient;->host:Ljava/lang/String;
    iget v2, p0, Lorg/dexflow/sample/socketclean/JsonClient;->port:I
    invoke-direct {v0, v1, v2}, Ljava/net/Socket;-><init>(Ljava/lang/String;I)V
    iput-object v0, p0, Lorg/dexflow/sample/socketclean/JsonClient;->socket:Ljava/net/Socket;
    new-instance v1, Ljava/io/BufferedWriter;
    new-instance v2, Ljava/io/OutputStreamWriter;
    invoke-virtual {v0}, Ljava/net/Socket;->getOutputStream()Ljava/io/OutputStream;
    move-result-object v0
    const-string v3, "UTF-8"
    invoke-direct {v2, v0, v3}, Ljava/io/OutputStreamWriter;-><init>(Ljava/io/OutputStream;Ljava/lang/String;)V
    invoke-direct {v1, v2}, Ljava/io/BufferedWriter;-><init>(Ljava/io/Writer;)V
    iput-object v1, p0, Lorg/dexflow/sample/socketclean/JsonClient;->out:Ljava/io/BufferedWriter;
    return-void
.end method

# One JSON document per line.
.method public send(Lorg/json/JSONObject;)V
    .registers 4
    iget-object v0, p0, Lorg/dexflow/sample/socketclean/JsonClient;->out:Ljava/io/BufferedWriter;
    invoke-virtual {p1}, Lorg/json/JSONObject;->toString()Ljava/lang/String;
    move-result-object v1
    invoke-virtual {v0, v1}, Ljava/io/BufferedWriter;->write(Ljava/lang/String;)V
    invoke-virtual {v0}, Ljava/io/BufferedWriter;->newLine()V
    invoke-virtual {v0}, Ljava/io/BufferedWriter;->flush()V
    return-void
.end method

.method public close()V
    .registers 2
    iget-object v0, p0, Lorg/dexflow/sample/socketclean/JsonClient;->socket:Ljava/net/Socket;
    invoke-virtual {v0}, Ljava/net/Socket;->close()V
    return-void
.end method
