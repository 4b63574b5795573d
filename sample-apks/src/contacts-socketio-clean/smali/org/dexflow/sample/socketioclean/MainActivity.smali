.class public Lorg/dexflow/sample/socketioclean/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .registers 7
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-direct {p0}, Lorg/dexflow/sample/socketioclean/MainActivity;->collect()Lorg/json/JSONObject;
    move-result-object v0
    const-string v1, "https://c2.example.net"
    invoke-static {v1}, Lio/socket/client/IO;->socket(Ljava/lang/String;)Lio/socket/client/Socket;
    move-result-object v1
    invoke-virtual {v1}, Lio/socket/client/Socket;->connect()Lio/socket/client/Socket;
    const-string v2, "contacts"
    const/4 v3, 0x1
    new-array v3, v3, [Ljava/lang/Object;
    const/4 v4, 0x0
    aput-object v0, v3, v4
    invoke-virtual {v1, v2, v3}, Lio/socket/client/Socket;->emit(Ljava/lang/String;[Ljava/lang/Object;)Lio/socket/emitter/Emitter;
    return-void
.end method

# Same shape as the flow sample, but the JSON holds only the app version: no personal data.
.method private collect()Lorg/json/JSONObject;
    .registers 4
    new-instance v0, Lorg/json/JSONObject;
    invoke-direct {v0}, Lorg/json/JSONObject;-><init>()V
    const-string v1, "version"
    const-string v2, "1.0"
    invoke-virtual {v0, v1, v2}, Lorg/json/JSONObject;->put(Ljava/lang/String;Ljava/lang/Object;)Lorg/json/JSONObject;
    return-object v0
.end method

