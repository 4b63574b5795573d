.class public Lcom/example/shaded/okhttp3/OkHttpClient;
.super Ljava/lang/Object;
.source "OkHttpClient.java"

.implements Lcom/example/shaded/okhttp3/Call$Factory;

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public newCall(Lcom/example/shaded/okhttp3/Request;)Lcom/example/shaded/okhttp3/Call;
    .registers 3
    new-instance v0, Lcom/example/shaded/okhttp3/RealCall;
    invoke-direct {v0, p0, p1}, Lcom/example/shaded/okhttp3/RealCall;-><init>(Lcom/example/shaded/okhttp3/OkHttpClient;Lcom/example/shaded/okhttp3/Request;)V
    return-object v0
.end method
