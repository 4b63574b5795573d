.class public abstract Lcom/android/volley/Request;
.super Ljava/lang/Object;
.source "Request.java"

# Stub of Volley's Request with the real names: the URL is kept, getBody() encodes getParams().

.field private final mUrl:Ljava/lang/String;

.method public constructor <init>(ILjava/lang/String;Lcom/android/volley/Response$ErrorListener;)V
    .registers 4
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p2, p0, Lcom/android/volley/Request;->mUrl:Ljava/lang/String;
    return-void
.end method

.method public getUrl()Ljava/lang/String;
    .registers 2
    iget-object v0, p0, Lcom/android/volley/Request;->mUrl:Ljava/lang/String;
    return-object v0
.end method

.method protected getParams()Ljava/util/Map;
    .registers 2
    const/4 v0, 0x0
    return-object v0
.end method

.method public getHeaders()Ljava/util/Map;
    .registers 2
    invoke-static {}, Ljava/util/Collections;->emptyMap()Ljava/util/Map;
    move-result-object v0
    return-object v0
.end method

.method public getBody()[B
    .registers 2
    invoke-virtual {p0}, Lcom/android/volley/Request;->getParams()Ljava/util/Map;
    const/4 v0, 0x0
    return-object v0
.end method
