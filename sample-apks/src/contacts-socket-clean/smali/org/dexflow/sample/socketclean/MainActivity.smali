.class public Lorg/dexflow/sample/socketclean/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .registers 5
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-direct {p0}, Lorg/dexflow/sample/socketclean/MainActivity;->collect()Lorg/json/JSONObject;
    move-result-object v0
    new-instance v1, Lorg/dexflow/sample/socketclean/JsonClient;
    const-string v2, "sync.example.net"
    const/16 v3, 0x1f90
    invoke-direct {v1, v2, v3}, Lorg/dexflow/sample/socketclean/JsonClient;-><init>(Ljava/lang/String;I)V
    invoke-virtual {v1}, Lorg/dexflow/sample/socketclean/JsonClient;->connect()V
    invoke-virtual {v1, v0}, Lorg/dexflow/sample/socketclean/JsonClient;->send(Lorg/json/JSONObject;)V
    invoke-virtual {v1}, Lorg/dexflow/sample/socketclean/JsonClient;->close()V
    return-void
.end method

# Same shape as contacts-socket, but the JSON holds only the app version: no personal data.
.method private collect()Lorg/json/JSONObject;
    .registers 4
    new-instance v0, Lorg/json/JSONObject;
    invoke-direct {v0}, Lorg/json/JSONObject;-><init>()V
    const-string v1, "version"
    const-string v2, "1.0"
    invoke-virtual {v0, v1, v2}, Lorg/json/JSONObject;->put(Ljava/lang/String;Ljava/lang/Object;)Lorg/json/JSONObject;
    return-object v0
.end method
