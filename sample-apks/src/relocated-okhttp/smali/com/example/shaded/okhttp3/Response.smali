.class public final Lcom/example/shaded/okhttp3/Response;
.super Ljava/lang/Object;
.source "Response.java"

.field final request:Lcom/example/shaded/okhttp3/Request;

.method constructor <init>(Lcom/example/shaded/okhttp3/Request;)V
    .registers 2
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lcom/example/shaded/okhttp3/Response;->request:Lcom/example/shaded/okhttp3/Request;
    return-void
.end method
