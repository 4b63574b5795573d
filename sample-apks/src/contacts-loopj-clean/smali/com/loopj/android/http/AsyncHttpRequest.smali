.class public Lcom/loopj/android/http/AsyncHttpRequest;
.super Ljava/lang/Object;
.source "AsyncHttpRequest.java"

.implements Ljava/lang/Runnable;

# Stand-in for loopj's AsyncHttpRequest: the runnable the client's thread pool runs; it POSTs
# the encoded form with HttpURLConnection (the real one goes through Apache HttpClient; the
# socket write at the bottom is the platform's either way).

.field private final url:Ljava/lang/String;
.field private final body:Ljava/lang/String;
.field private final handler:Lcom/loopj/android/http/ResponseHandlerInterface;

.method public constructor <init>(Ljava/lang/String;Ljava/lang/String;Lcom/loopj/android/http/ResponseHandlerInterface;)V
    .registers 4
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lcom/loopj/android/http/AsyncHttpRequest;->url:Ljava/lang/String;
    iput-object p2, p0, Lcom/loopj/android/http/AsyncHttpRequest;->body:Ljava/lang/String;
    iput-object p3, p0, Lcom/loopj/android/http/AsyncHttpRequest;->handler:Lcom/loopj/android/http/ResponseHandlerInterface;
    return-void
.end method

.method public run()V
    .registers 4
    new-instance v0, Ljava/net/URL;
    iget-object v1, p0, Lcom/loopj/android/http/AsyncHttpRequest;->url:Ljava/lang/String;
    invoke-direct {v0, v1}, Ljava/net/URL;-><init>(Ljava/lang/String;)V
    invoke-virtual {v0}, Ljava/net/URL;->openConnection()Ljava/net/URLConnection;
    move-result-object v0
    check-cast v0, Ljava/net/HttpURLConnection;
    const-string v1, "POST"
    invoke-virtual {v0, v1}, Ljava/net/HttpURLConnection;->setRequestMethod(Ljava/lang/String;)V
    const/4 v1, 0x1
    invoke-virtual {v0, v1}, Ljava/net/HttpURLConnection;->setDoOutput(Z)V
    invoke-virtual {v0}, Ljava/net/HttpURLConnection;->getOutputStream()Ljava/io/OutputStream;
    move-result-object v1
    iget-object v2, p0, Lcom/loopj/android/http/AsyncHttpRequest;->body:Ljava/lang/String;
    invoke-virtual {v2}, Ljava/lang/String;->getBytes()[B
    move-result-object v2
    invoke-virtual {v1, v2}, Ljava/io/OutputStream;->write([B)V
    invoke-virtual {v1}, Ljava/io/OutputStream;->close()V
    invoke-virtual {v0}, Ljava/net/HttpURLConnection;->getResponseCode()I
    move-result v1
    iget-object v2, p0, Lcom/loopj/android/http/AsyncHttpRequest;->handler:Lcom/loopj/android/http/ResponseHandlerInterface;
    const/4 v0, 0x0
    invoke-interface {v2, v1, v0}, Lcom/loopj/android/http/ResponseHandlerInterface;->sendSuccessMessage(I[B)V
    return-void
.end method
