.class public Lorg/jivesoftware/smack/XMPPConnection;
.super Ljava/lang/Object;
.source "XMPPConnection.java"

# Stand-in for Smack 3's XMPPConnection: connect() opens a TCP socket to the configured server
# and keeps a writer on its stream; sendPacket() writes the packet's XML to it.

.field private final config:Lorg/jivesoftware/smack/ConnectionConfiguration;
.field private socket:Ljava/net/Socket;
.field private writer:Ljava/io/Writer;
.field private chatManager:Lorg/jivesoftware/smack/ChatManager;

.method public constructor <init>(Lorg/jivesoftware/smack/ConnectionConfiguration;)V
    .registers 2
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lorg/jivesoftware/smack/XMPPConnection;->config:Lorg/jivesoftware/smack/ConnectionConfiguration;
    return-void
.end method

.method public connect()V
    .registers 5
    iget-object v0, p0, Lorg/jivesoftware/smack/XMPPConnection;->config:Lorg/jivesoftware/smack/ConnectionConfiguration;
    new-instance v1, Ljava/net/Socket;
    invoke-virtual {v0}, Lorg/jivesoftware/smack/ConnectionConfiguration;->getHost()Ljava/lang/String;
    move-result-object v2
    invoke-virtual {v0}, Lorg/jivesoftware/smack/ConnectionConfiguration;->getPort()I
    move-result v3
    invoke-direct {v1, v2, v3}, Ljava/net/Socket;-><init>(Ljava/lang/String;I)V
    iput-object v1, p0, Lorg/jivesoftware/smack/XMPPConnection;->socket:Ljava/net/Socket;
    new-instance v0, Ljava/io/BufferedWriter;
    new-instance v2, Ljava/io/OutputStreamWriter;
    invoke-virtual {v1}, Ljava/net/Socket;->getOutputStream()Ljava/io/OutputStream;
    move-result-object v1
    const-string v3, "UTF-8"
    invoke-direct {v2, v1, v3}, Ljava/io/OutputStreamWriter;-><init>(Ljava/io/OutputStream;Ljava/lang/String;)V
    invoke-direct {v0, v2}, Ljava/io/BufferedWriter;-><init>(Ljava/io/Writer;)V
    iput-object v0, p0, Lorg/jivesoftware/smack/XMPPConnection;->writer:Ljava/io/Writer;
    return-void
.end method

.method public getChatManager()Lorg/jivesoftware/smack/ChatManager;
    .registers 2
    iget-object v0, p0, Lorg/jivesoftware/smack/XMPPConnection;->chatManager:Lorg/jivesoftware/smack/ChatManager;
    if-nez v0, :have
    new-instance v0, Lorg/jivesoftware/smack/ChatManager;
    invoke-direct {v0, p0}, Lorg/jivesoftware/smack/ChatManager;-><init>(Lorg/jivesoftware/smack/XMPPConnection;)V
    iput-object v0, p0, Lorg/jivesoftware/smack/XMPPConnection;->chatManager:Lorg/jivesoftware/smack/ChatManager;
    :have
    return-object v0
.end method

.method public sendPacket(Lorg/jivesoftware/smack/packet/Packet;)V
    .registers 4
    iget-object v0, p0, Lorg/jivesoftware/smack/XMPPConnection;->writer:Ljava/io/Writer;
    invoke-virtual {p1}, Lorg/jivesoftware/smack/packet/Packet;->toXML()Ljava/lang/String;
    move-result-object v1
    invoke-virtual {v0, v1}, Ljava/io/Writer;->write(Ljava/lang/String;)V
    invoke-virtual {v0}, Ljava/io/Writer;->flush()V
    return-void
.end method
