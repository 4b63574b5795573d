.class final Lokhttp3/RequestBody$1;
.super Lokhttp3/RequestBody;
.source "RequestBody.java"

.annotation system Ldalvik/annotation/EnclosingMethod;
    value = Lokhttp3/RequestBody;->create(Lokhttp3/MediaType;[B)Lokhttp3/RequestBody;
.end annotation

.annotation system Ldalvik/annotation/InnerClass;
    accessFlags = 0x8
    name = null
.end annotation

.field final synthetic val$content:[B
.field final synthetic val$contentType:Lokhttp3/MediaType;

.method constructor <init>(Lokhttp3/MediaType;[B)V
    .registers 3
    iput-object p1, p0, Lokhttp3/RequestBody$1;->val$contentType:Lokhttp3/MediaType;
    iput-object p2, p0, Lokhttp3/RequestBody$1;->val$content:[B
    invoke-direct {p0}, Lokhttp3/RequestBody;-><init>()V
    return-void
.end method

.method public contentType()Lokhttp3/MediaType;
    .registers 2
    iget-object v0, p0, Lokhttp3/RequestBody$1;->val$contentType:Lokhttp3/MediaType;
    return-object v0
.end method

.method public contentLength()J
    .registers 3
    iget-object v0, p0, Lokhttp3/RequestBody$1;->val$content:[B
    array-length v0, v0
    int-to-long v0, v0
    return-wide v0
.end method
