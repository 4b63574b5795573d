.class public Lorg/dexflow/sample/httpclient/clean/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

# Sends a constant in the query string of one GET request (twin of contacts-httpclient).
.method protected onCreate(Landroid/os/Bundle;)V
    .registers 10
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    const-string v0, "hello"
    invoke-static {v0}, Lorg/dexflow/sample/httpclient/clean/MainActivity;->sync(Ljava/lang/String;)V
    return-void
.end method

# One request: built (new HttpGet(url)), then sent (HttpClient.execute). Both calls are
# network sinks; the report gives one flow.
.method private static sync(Ljava/lang/String;)V
    .registers 4
    new-instance v0, Ljava/lang/StringBuilder;
    invoke-direct {v0}, Ljava/lang/StringBuilder;-><init>()V
    const-string v1, "https://sync.example.com/v1/names?q="
    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    invoke-virtual {v0, p0}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v0
    new-instance v1, Lorg/apache/http/client/methods/HttpGet;
    invoke-direct {v1, v0}, Lorg/apache/http/client/methods/HttpGet;-><init>(Ljava/lang/String;)V
    new-instance v2, Lorg/apache/http/impl/client/DefaultHttpClient;
    invoke-direct {v2}, Lorg/apache/http/impl/client/DefaultHttpClient;-><init>()V
    invoke-interface {v2, v1}, Lorg/apache/http/client/HttpClient;->execute(Lorg/apache/http/client/methods/HttpUriRequest;)Lorg/apache/http/HttpResponse;
    return-void
.end method
