.class final Lokhttp3/RealCall;
.super Ljava/lang/Object;
.source "RealCall.java"

.implements Lokhttp3/Call;

.field final client:Lokhttp3/OkHttpClient;
.field final originalRequest:Lokhttp3/Request;

.method constructor <init>(Lokhttp3/OkHttpClient;Lokhttp3/Request;)V
    .registers 3
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lokhttp3/RealCall;->client:Lokhttp3/OkHttpClient;
    iput-object p2, p0, Lokhttp3/RealCall;->originalRequest:Lokhttp3/Request;
    return-void
.end method

# Stub: the real library writes the request to a socket here.
.method public execute()Lokhttp3/Response;
    .registers 3
    new-instance v0, Lokhttp3/Response;
    iget-object v1, p0, Lokhttp3/RealCall;->originalRequest:Lokhttp3/Request;
    invoke-direct {v0, v1}, Lokhttp3/Response;-><init>(Lokhttp3/Request;)V
    return-object v0
.end method
