.class public final Lokhttp3/Response;
.super Ljava/lang/Object;
.source "Response.java"

.field final request:Lokhttp3/Request;

.method constructor <init>(Lokhttp3/Request;)V
    .registers 2
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lokhttp3/Response;->request:Lokhttp3/Request;
    return-void
.end method
