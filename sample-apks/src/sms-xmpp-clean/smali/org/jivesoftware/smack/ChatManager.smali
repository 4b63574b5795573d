.class public Lorg/jivesoftware/smack/ChatManager;
.super Ljava/lang/Object;
.source "ChatManager.java"

# Stand-in for Smack 3's ChatManager: makes chats and sends their messages on its connection.

.field private final connection:Lorg/jivesoftware/smack/XMPPConnection;

.method constructor <init>(Lorg/jivesoftware/smack/XMPPConnection;)V
    .registers 2
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lorg/jivesoftware/smack/ChatManager;->connection:Lorg/jivesoftware/smack/XMPPConnection;
    return-void
.end method

.method public createChat(Ljava/lang/String;Lorg/jivesoftware/smack/MessageListener;)Lorg/jivesoftware/smack/Chat;
    .registers 4
    new-instance v0, Lorg/jivesoftware/smack/Chat;
    invoke-direct {v0, p0, p1}, Lorg/jivesoftware/smack/Chat;-><init>(Lorg/jivesoftware/smack/ChatManager;Ljava/lang/String;)V
    return-object v0
.end method

.method sendMessage(Lorg/jivesoftware/smack/Chat;Lorg/jivesoftware/smack/packet/Message;)V
    .registers 4
    iget-object v0, p0, Lorg/jivesoftware/smack/ChatManager;->connection:Lorg/jivesoftware/smack/XMPPConnection;
    invoke-virtual {v0, p2}, Lorg/jivesoftware/smack/XMPPConnection;->sendPacket(Lorg/jivesoftware/smack/packet/Packet;)V
    return-void
.end method
