.class final Lcom/example/shaded/okhttp3/RealCall;
.super Ljava/lang/Object;
.source "RealCall.java"

.implements Lcom/example/shaded/okhttp3/Call;

.field final client:Lcom/example/shaded/okhttp3/OkHttpClient;
.field final originalRequest:Lcom/example/shaded/okhttp3/Request;

.method constructor <init>(Lcom/example/shaded/okhttp3/OkHttpClient;Lcom/example/shaded/okhttp3/Request;)V
    .registers 3
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lcom/example/shaded/okhttp3/RealCall;->client:Lcom/example/shaded/okhttp3/OkHttpClient;
    iput-object p2, p0, Lcom/example/shaded/okhttp3/RealCall;->originalRequest:Lcom/example/shaded/okhttp3/Request;
    return-void
.end method

# Stub: the real library writes the request to a socket here.
.method public execute()Lcom/example/shaded/okhttp3/Response;
    .registers 3
    new-instance v0, Lcom/example/shaded/okhttp3/Response;
    iget-object v1, p0, Lcom/example/shaded/okhttp3/RealCall;->originalRequest:Lcom/example/shaded/okhttp3/Request;
    invoke-direct {v0, v1}, Lcom/example/shaded/okhttp3/Response;-><init>(Lcom/example/shaded/okhttp3/Request;)V
    return-object v0
.end method
