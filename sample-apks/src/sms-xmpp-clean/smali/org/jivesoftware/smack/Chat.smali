.class public Lorg/jivesoftware/smack/Chat;
.super Ljava/lang/Object;
.source "Chat.java"

# Stand-in for Smack 3's Chat: a conversation with one participant.

.field private final chatManager:Lorg/jivesoftware/smack/ChatManager;
.field private final participant:Ljava/lang/String;

.method constructor <init>(Lorg/jivesoftware/smack/ChatManager;Ljava/lang/String;)V
    .registers 3
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lorg/jivesoftware/smack/Chat;->chatManager:Lorg/jivesoftware/smack/ChatManager;
    iput-object p2, p0, Lorg/jivesoftware/smack/Chat;->participant:Ljava/lang/String;
    return-void
.end method

.method public sendMessage(Ljava/lang/String;)V
    .registers 4
    new-instance v0, Lorg/jivesoftware/smack/packet/Message;
    iget-object v1, p0, Lorg/jivesoftware/smack/Chat;->participant:Ljava/lang/String;
    invoke-direct {v0, v1}, Lorg/jivesoftware/smack/packet/Message;-><init>(Ljava/lang/String;)V
    invoke-virtual {v0, p1}, Lorg/jivesoftware/smack/packet/Message;->setBody(Ljava/lang/String;)V
    iget-object v1, p0, Lorg/jivesoftware/smack/Chat;->chatManager:Lorg/jivesoftware/smack/ChatManager;
    invoke-virtual {v1, p0, v0}, Lorg/jivesoftware/smack/ChatManager;->sendMessage(Lorg/jivesoftware/smack/Chat;Lorg/jivesoftware/smack/packet/Message;)V
    return-void
.end method
