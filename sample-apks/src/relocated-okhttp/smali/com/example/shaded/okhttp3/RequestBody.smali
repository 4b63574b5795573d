.class public abstract Lcom/example/shaded/okhttp3/RequestBody;
.super Ljava/lang/Object;
.source "RequestBody.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public abstract contentType()Lcom/example/shaded/okhttp3/MediaType;
.end method

.method public abstract contentLength()J
.end method

.method public static create(Lcom/example/shaded/okhttp3/MediaType;Ljava/lang/String;)Lcom/example/shaded/okhttp3/RequestBody;
    .registers 3
    invoke-virtual {p1}, Ljava/lang/String;->getBytes()[B
    move-result-object v0
    invoke-static {p0, v0}, Lcom/example/shaded/okhttp3/RequestBody;->create(Lcom/example/shaded/okhttp3/MediaType;[B)Lcom/example/shaded/okhttp3/RequestBody;
    move-result-object v0
    return-object v0
.end method

.method public static create(Lcom/example/shaded/okhttp3/MediaType;[B)Lcom/example/shaded/okhttp3/RequestBody;
    .registers 3
    new-instance v0, Lcom/example/shaded/okhttp3/RequestBody$1;
    invoke-direct {v0, p0, p1}, Lcom/example/shaded/okhttp3/RequestBody$1;-><init>(Lcom/example/shaded/okhttp3/MediaType;[B)V
    return-object v0
.end method
