.class public final Lcom/example/shaded/okhttp3/Request;
.super Ljava/lang/Object;
.source "Request.java"

.annotation system Ldalvik/annotation/MemberClasses;
    value = {
        Lcom/example/shaded/okhttp3/Request$Builder;
    }
.end annotation

.field final body:Lcom/example/shaded/okhttp3/RequestBody;
.field final method:Ljava/lang/String;
.field final url:Ljava/lang/String;

.method constructor <init>(Lcom/example/shaded/okhttp3/Request$Builder;)V
    .registers 3
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iget-object v0, p1, Lcom/example/shaded/okhttp3/Request$Builder;->url:Ljava/lang/String;
    iput-object v0, p0, Lcom/example/shaded/okhttp3/Request;->url:Ljava/lang/String;
    iget-object v0, p1, Lcom/example/shaded/okhttp3/Request$Builder;->method:Ljava/lang/String;
    iput-object v0, p0, Lcom/example/shaded/okhttp3/Request;->method:Ljava/lang/String;
    iget-object v0, p1, Lcom/example/shaded/okhttp3/Request$Builder;->body:Lcom/example/shaded/okhttp3/RequestBody;
    iput-object v0, p0, Lcom/example/shaded/okhttp3/Request;->body:Lcom/example/shaded/okhttp3/RequestBody;
    return-void
.end method

.method public body()Lcom/example/shaded/okhttp3/RequestBody;
    .registers 2
    iget-object v0, p0, Lcom/example/shaded/okhttp3/Request;->body:Lcom/example/shaded/okhttp3/RequestBody;
    return-object v0
.end method
