.class public Lcom/example/shaded/okhttp3/Request$Builder;
.super Ljava/lang/Object;
.source "Request.java"

.annotation system Ldalvik/annotation/EnclosingClass;
    value = Lcom/example/shaded/okhttp3/Request;
.end annotation

.annotation system Ldalvik/annotation/InnerClass;
    accessFlags = 0x9
    name = "Builder"
.end annotation

.field body:Lcom/example/shaded/okhttp3/RequestBody;
.field method:Ljava/lang/String;
.field url:Ljava/lang/String;

.method public constructor <init>()V
    .registers 2
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    const-string v0, "GET"
    iput-object v0, p0, Lcom/example/shaded/okhttp3/Request$Builder;->method:Ljava/lang/String;
    return-void
.end method

.method public url(Ljava/lang/String;)Lcom/example/shaded/okhttp3/Request$Builder;
    .registers 2
    iput-object p1, p0, Lcom/example/shaded/okhttp3/Request$Builder;->url:Ljava/lang/String;
    return-object p0
.end method

.method public post(Lcom/example/shaded/okhttp3/RequestBody;)Lcom/example/shaded/okhttp3/Request$Builder;
    .registers 3
    const-string v0, "POST"
    iput-object v0, p0, Lcom/example/shaded/okhttp3/Request$Builder;->method:Ljava/lang/String;
    iput-object p1, p0, Lcom/example/shaded/okhttp3/Request$Builder;->body:Lcom/example/shaded/okhttp3/RequestBody;
    return-object p0
.end method

.method public build()Lcom/example/shaded/okhttp3/Request;
    .registers 2
    new-instance v0, Lcom/example/shaded/okhttp3/Request;
    invoke-direct {v0, p0}, Lcom/example/shaded/okhttp3/Request;-><init>(Lcom/example/shaded/okhttp3/Request$Builder;)V
    return-object v0
.end method
