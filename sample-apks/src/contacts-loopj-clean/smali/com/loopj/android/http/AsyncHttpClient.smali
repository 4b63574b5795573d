.class public Lcom/loopj/android/http/AsyncHttpClient;
.super Ljava/lang/Object;
.source "AsyncHttpClient.java"

# Stand-in for loopj's AsyncHttpClient: post() encodes the params and runs the request on the
# client's thread pool.

.field private final threadPool:Ljava/util/concurrent/ExecutorService;

.method public constructor <init>()V
    .registers 2
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    invoke-static {}, Ljava/util/concurrent/Executors;->newCachedThreadPool()Ljava/util/concurrent/ExecutorService;
    move-result-object v0
    iput-object v0, p0, Lcom/loopj/android/http/AsyncHttpClient;->threadPool:Ljava/util/concurrent/ExecutorService;
    return-void
.end method

.method public post(Ljava/lang/String;Lcom/loopj/android/http/RequestParams;Lcom/loopj/android/http/ResponseHandlerInterface;)Lcom/loopj/android/http/RequestHandle;
    .registers 7
    invoke-virtual {p2}, Lcom/loopj/android/http/RequestParams;->getParamString()Ljava/lang/String;
    move-result-object v0
    new-instance v1, Lcom/loopj/android/http/AsyncHttpRequest;
    invoke-direct {v1, p1, v0, p3}, Lcom/loopj/android/http/AsyncHttpRequest;-><init>(Ljava/lang/String;Ljava/lang/String;Lcom/loopj/android/http/ResponseHandlerInterface;)V
    iget-object v2, p0, Lcom/loopj/android/http/AsyncHttpClient;->threadPool:Ljava/util/concurrent/ExecutorService;
    invoke-interface {v2, v1}, Ljava/util/concurrent/ExecutorService;->submit(Ljava/lang/Runnable;)Ljava/util/concurrent/Future;
    new-instance v2, Lcom/loopj/android/http/RequestHandle;
    invoke-direct {v2, v1}, Lcom/loopj/android/http/RequestHandle;-><init>(Lcom/loopj/android/http/AsyncHttpRequest;)V
    return-object v2
.end method
