.class public Lorg/dexflow/sample/xmppclean/SmsForwarder;
.super Landroid/content/BroadcastReceiver;
.source "SmsForwarder.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/content/BroadcastReceiver;-><init>()V
    return-void
.end method

# Same shape as sms-xmpp, but only reports that a message arrived: the PDUs are never decoded.
.method public onReceive(Landroid/content/Context;Landroid/content/Intent;)V
    .registers 4
    const-string v0, "sms received"
    invoke-static {v0}, Lorg/dexflow/sample/xmppclean/SmsForwarder;->forward(Ljava/lang/String;)V
    return-void
.end method

.method private static forward(Ljava/lang/String;)V
    .registers 5
    new-instance v0, Lorg/jivesoftware/smack/ConnectionConfiguration;
    const-string v1, "xmpp.example.net"
    const/16 v2, 0x1466
    invoke-direct {v0, v1, v2}, Lorg/jivesoftware/smack/ConnectionConfiguration;-><init>(Ljava/lang/String;I)V
    new-instance v1, Lorg/jivesoftware/smack/XMPPConnection;
    invoke-direct {v1, v0}, Lorg/jivesoftware/smack/XMPPConnection;-><init>(Lorg/jivesoftware/smack/ConnectionConfiguration;)V
    invoke-virtual {v1}, Lorg/jivesoftware/smack/XMPPConnection;->connect()V
    invoke-virtual {v1}, Lorg/jivesoftware/smack/XMPPConnection;->getChatManager()Lorg/jivesoftware/smack/ChatManager;
    move-result-object v1
    const-string v2, "owner@example.net"
    const/4 v3, 0x0
    invoke-virtual {v1, v2, v3}, Lorg/jivesoftware/smack/ChatManager;->createChat(Ljava/lang/String;Lorg/jivesoftware/smack/MessageListener;)Lorg/jivesoftware/smack/Chat;
    move-result-object v1
    invoke-virtual {v1, p0}, Lorg/jivesoftware/smack/Chat;->sendMessage(Ljava/lang/String;)V
    return-void
.end method
