.class final Lcom/example/shaded/okhttp3/RequestBody$1;
.super Lcom/example/shaded/okhttp3/RequestBody;
.source "RequestBody.java"

.annotation system Ldalvik/annotation/EnclosingMethod;
    value = Lcom/example/shaded/okhttp3/RequestBody;->create(Lcom/example/shaded/okhttp3/MediaType;[B)Lcom/example/shaded/okhttp3/RequestBody;
.end annotation

.annotation system Ldalvik/annotation/InnerClass;
    accessFlags = 0x8
    name = null
.end annotation

.field final synthetic val$content:[B
.field final synthetic val$contentType:Lcom/example/shaded/okhttp3/MediaType;

.method constructor <init>(Lcom/example/shaded/okhttp3/MediaType;[B)V
    .registers 3
    iput-object p1, p0, Lcom/example/shaded/okhttp3/RequestBody$1;->val$contentType:Lcom/example/shaded/okhttp3/MediaType;
    iput-object p2, p0, Lcom/example/shaded/okhttp3/RequestBody$1;->val$content:[B
    invoke-direct {p0}, Lcom/example/shaded/okhttp3/RequestBody;-><init>()V
    return-void
.end method

.method public contentType()Lcom/example/shaded/okhttp3/MediaType;
    .registers 2
    iget-object v0, p0, Lcom/example/shaded/okhttp3/RequestBody$1;->val$contentType:Lcom/example/shaded/okhttp3/MediaType;
    return-object v0
.end method

.method public contentLength()J
    .registers 3
    iget-object v0, p0, Lcom/example/shaded/okhttp3/RequestBody$1;->val$content:[B
    array-length v0, v0
    int-to-long v0, v0
    return-wide v0
.end method
